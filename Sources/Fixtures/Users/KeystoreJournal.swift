import Dispatch
import Foundation
import Synchronization

/// This process's append-only journal in one keystore directory: every line is the newest
/// version of one record. Writes are committed in groups (one `write` and one `fsync` for all
/// lines pending), at most `commitInterval` after they were made; `appendDurably` returns
/// only once its line is on disk. So the hot path never waits for a disk, while what must
/// survive a crash at any instant (keys before funds move, claims before the payment that
/// creates them) is durable before the action goes on.
final class KeystoreJournal: Sendable {
    let url: URL
    static let commitInterval: DispatchTimeInterval = .milliseconds(20)

    private struct State {
        var fd: Int32 = -1
        var pending: [UInt8] = []
        var waiters: [CheckedContinuation<Void, any Error>] = []
        var scheduled = false
        var failure: String?
        var commits = 0
        /// Group commits that wrote bytes, for the crash-safety tests' kill points.
        var writingCommits = 0
        /// The newest version of every record this process wrote, committed or not.
        var latest: [String: UserRecord] = [:]
    }

    private let state = Mutex(State())
    /// Set once the keystore directory exists, so a save does not ask the file system again.
    private let directoryReady = Atomic<Bool>(false)
    private let queue: DispatchQueue

    private static let registry = Mutex<[String: KeystoreJournal]>([:])

    /// The journal of this process in `directory`, opened once.
    static func shared(in directory: URL) -> KeystoreJournal {
        registry.withLock { journals in
            if let journal = journals[directory.path] { return journal }
            let owner = ProcessOwner.current
            let name = "journal-\(owner.host)-\(owner.pid)-\(owner.startTicks ?? 0).jsonl"
            let journal = KeystoreJournal(url: directory.appendingPathComponent(name))
            journals[directory.path] = journal
            return journal
        }
    }

    private init(url: URL) {
        self.url = url
        queue = DispatchQueue(label: "ledgerqa.keystore.\(url.lastPathComponent)")
    }

    /// Runs `prepare` (which creates the keystore directory) until it has succeeded once.
    func prepareOnce(_ prepare: () throws -> Void) throws {
        if directoryReady.load(ordering: .acquiring) { return }
        try prepare()
        directoryReady.store(true, ordering: .releasing)
    }

    /// Queues `line` (the encoding of `record`); it reaches the disk within the commit interval.
    func append(_ line: [UInt8], record: UserRecord) throws {
        try state.withLock { s in
            if let failure = s.failure { throw KeystoreError.cannotWrite("\(url.path): \(failure)") }
            s.latest[record.address] = record
            s.pending += line
            s.pending.append(UInt8(ascii: "\n"))
            if !s.scheduled {
                s.scheduled = true
                queue.asyncAfter(deadline: .now() + Self.commitInterval) { self.commit() }
            }
        }
    }

    /// Queues `line` and returns once it (and everything queued before it) is on disk.
    func appendDurably(_ line: [UInt8], record: UserRecord?) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let failure: String? = state.withLock { s in
                if let failure = s.failure { return failure }
                if let record { s.latest[record.address] = record }
                if !line.isEmpty {
                    s.pending += line
                    s.pending.append(UInt8(ascii: "\n"))
                }
                s.waiters.append(continuation)
                if !s.scheduled {
                    s.scheduled = true
                    queue.async { self.commit() }
                }
                return nil
            }
            if let failure { continuation.resume(throwing: KeystoreError.cannotWrite("\(url.path): \(failure)")) }
        }
    }

    /// Returns once everything queued so far is on disk.
    func flush() async throws { try await appendDurably([], record: nil) }

    /// What this process wrote, newest versions, committed or not.
    var written: [String: UserRecord] { state.withLock { $0.latest } }

    /// How many group commits ran (each one write and one fsync), for the benchmark.
    var commits: Int { state.withLock { $0.commits } }

    private func commit() {
        let (bytes, waiters, fd0, number) = state.withLock { s -> ([UInt8], [CheckedContinuation<Void, any Error>], Int32, Int) in
            s.scheduled = false
            if !s.pending.isEmpty { s.writingCommits += 1 }
            defer {
                s.pending = []
                s.waiters = []
            }
            return (s.pending, s.waiters, s.fd, s.pending.isEmpty ? 0 : s.writingCommits)
        }
        if number > 0 { KeystoreCrashPoint.check(.beforeWrite, commit: number) }
        var fd = fd0
        var problem: String?
        if fd < 0 {
            fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if fd < 0 { problem = String(cString: strerror(errno)) } else { state.withLock { $0.fd = fd } }
        }
        var offset = 0
        // The torn-write kill point writes half of the group, then dies.
        let torn = KeystoreCrashPoint.configured?.point == .tornWrite && KeystoreCrashPoint.configured?.commit == number
        while problem == nil, offset < bytes.count {
            if torn, offset >= bytes.count / 2 { KeystoreCrashPoint.check(.tornWrite, commit: number) }
            let end = torn && offset < bytes.count / 2 ? bytes.count / 2 : bytes.count
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, end - offset) }
            if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else {
                problem = "write: \(String(cString: strerror(errno)))"
            }
        }
        if number > 0 { KeystoreCrashPoint.check(.beforeFsync, commit: number) }
        if problem == nil, fsync(fd) != 0 { problem = "fsync: \(String(cString: strerror(errno)))" }
        if number > 0 { KeystoreCrashPoint.check(.afterFsync, commit: number) }
        state.withLock { s in
            s.commits += 1
            if let problem { s.failure = problem }
        }
        for waiter in waiters {
            if let problem { waiter.resume(throwing: KeystoreError.cannotWrite("\(url.path): \(problem)")) } else { waiter.resume() }
        }
    }
}
