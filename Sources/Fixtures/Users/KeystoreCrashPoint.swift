import Foundation

/// An instant inside a keystore group commit at which the process kills itself with SIGKILL,
/// for the crash-safety tests (`LEDGERQA_KEYSTORE_CRASH=<point>:<commit>`, e.g.
/// `torn-write:40`): the keystore's promise is that a SIGKILL at any instant loses no key and
/// no claim, so `ledgerqa recover` returns every account's funds. Never set in a real run.
struct KeystoreCrashPoint: Sendable, Equatable {
    enum Point: String, Sendable, CaseIterable {
        /// Before the group's bytes are written.
        case beforeWrite = "before-write"
        /// After half of the group's bytes are written: a torn last line.
        case tornWrite = "torn-write"
        /// After the write, before `fsync`.
        case beforeFsync = "before-fsync"
        /// After `fsync`, before the waiters are told.
        case afterFsync = "after-fsync"
    }

    let point: Point
    /// The group commit (1 = the first that writes anything) at which the process dies.
    let commit: Int

    static let variable = "LEDGERQA_KEYSTORE_CRASH"

    /// The crash point of this process, if its environment sets one.
    static let configured: KeystoreCrashPoint? = ProcessInfo.processInfo.environment[variable].flatMap(parse)

    /// `<point>:<commit>`, or nil for anything else (a typo must not crash a real run).
    static func parse(_ text: String) -> KeystoreCrashPoint? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let point = Point(rawValue: String(parts[0])), let commit = Int(parts[1]), commit > 0 else { return nil }
        return KeystoreCrashPoint(point: point, commit: commit)
    }

    /// Kills this process when `point` of commit number `commit` is the configured one.
    static func check(_ point: Point, commit: Int) {
        guard let configured, configured.point == point, configured.commit == commit else { return }
        FileHandle.standardError.write(Data("keystore: SIGKILL at \(point.rawValue) of group commit \(commit) (\(variable))\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
