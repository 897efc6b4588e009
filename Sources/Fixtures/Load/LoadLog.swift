import Foundation
import Synchronization

/// Append-only text logs of a load run: the op log every user writes `OP_START`,
/// `OP_WATCH` and `OP_DONE` lines to, and a log per user.
public final class LoadLog: Sendable {
    public let url: URL
    private let handle: Mutex<FileHandle?>

    /// Opens (creating) `url` for appending; a log that cannot be opened writes nowhere.
    public init(url: URL) {
        self.url = url
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try? FileHandle(forWritingTo: url)
        _ = try? h?.seekToEnd()
        handle = Mutex(h)
    }

    public func write(_ line: String) {
        let data = Data((line + "\n").utf8)
        handle.withLock { h in try? h?.write(contentsOf: data) }
    }

    public func close() {
        handle.withLock { h in
            try? h?.close()
            h = nil
        }
    }
}

/// Milliseconds elapsed since `start`, to one decimal.
func milliseconds(since start: ContinuousClock.Instant) -> Double {
    ((ContinuousClock.now - start).seconds * 1000).rounded(to: 1)
}
