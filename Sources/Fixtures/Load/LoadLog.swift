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

    /// Appends `line` after a UTC wall-clock timestamp with milliseconds.
    public func write(_ line: String) {
        let data = Data((Self.timestamp() + " " + line + "\n").utf8)
        handle.withLock { h in try? h?.write(contentsOf: data) }
    }

    /// `2026-11-30T21:30:01.123Z`.
    static func timestamp(_ date: Date = Date()) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var t = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):"
            + "\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis % 1000), 3))Z"
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
