import Dispatch
import Foundation
import Synchronization

/// Append-only text logs of a load run: the op log every user writes `OP_START`,
/// `OP_WATCH` and `OP_DONE` lines to, and a log per user.
///
/// Lines are buffered and written together, at most `flushInterval` after they were made
/// (or once 64 KiB are pending), instead of one `write` per line; `flush()` and `close()`
/// write what is pending at once. A SIGKILL may lose the last interval's lines: they are
/// diagnostics, not records (the keystore holds those).
public final class LoadLog: Sendable {
    public let url: URL
    static let flushInterval: DispatchTimeInterval = .milliseconds(200)
    static let flushBytes = 64 * 1024
    private static let queue = DispatchQueue(label: "ledgerqa.load-log")

    private struct State {
        var handle: FileHandle?
        var pending: [UInt8] = []
        var scheduled = false
    }

    private let state: Mutex<State>

    /// Opens (creating) `url` for appending; a log that cannot be opened writes nowhere.
    public init(url: URL) {
        self.url = url
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try? FileHandle(forWritingTo: url)
        _ = try? h?.seekToEnd()
        state = Mutex(State(handle: h))
    }

    /// Appends `line` after a UTC wall-clock timestamp with milliseconds.
    public func write(_ line: String) {
        let text = Self.timestamp() + " " + line + "\n"
        let full = state.withLock { s -> Bool in
            guard s.handle != nil else { return false }
            s.pending.append(contentsOf: text.utf8)
            if s.pending.count >= Self.flushBytes { return true }
            if !s.scheduled {
                s.scheduled = true
                Self.queue.asyncAfter(deadline: .now() + Self.flushInterval) { [weak self] in self?.flush() }
            }
            return false
        }
        if full { flush() }
    }

    /// Writes every pending line now.
    public func flush() {
        state.withLock { s in
            s.scheduled = false
            guard !s.pending.isEmpty else { return }
            try? s.handle?.write(contentsOf: Data(s.pending))
            s.pending.removeAll(keepingCapacity: true)
        }
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
        flush()
        state.withLock { s in
            try? s.handle?.close()
            s.handle = nil
        }
    }
}

/// Milliseconds elapsed since `start`, to one decimal.
func milliseconds(since start: ContinuousClock.Instant) -> Double {
    ((ContinuousClock.now - start).seconds * 1000).rounded(to: 1)
}
