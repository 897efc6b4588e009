import Foundation
import Networks
import Synchronization

/// Keys and records of load users, partners and the funder, so a crashed run can be
/// recovered and its funds collected (README "Keystore").
///
/// Per network a directory `<root>/<chain_id>-<genesis hash prefix>/` (mode 0700) holds the
/// funder's key, `network.json` (what the network is, and whether it was an embedded devnet),
/// and the records: one append-only journal per process (`journal-<host>-<pid>-<start>.jsonl`,
/// mode 0600, a line per new version of a record) and `snapshot.jsonl`, into which the
/// journals of processes that are gone are compacted. The newest version of a record wins.
public struct Keystore: Sendable {
    public let directory: URL
    let journal: KeystoreJournal

    public init(root: URL, network: NetworkInfo) {
        directory = root.appendingPathComponent("\(network.chainID)-\(network.genesisHash.prefix(16))", isDirectory: true)
        journal = KeystoreJournal.shared(in: directory)
    }

    /// The default root: `$LEDGERQA_HOME/keystore`, else `./.ledgerqa/keystore`.
    public static var defaultRoot: URL { home(ProcessInfo.processInfo.environment["LEDGERQA_HOME"]).appendingPathComponent("keystore", isDirectory: true) }

    /// The root from the layered settings (`LEDGERQA_HOME` in the environment, a `.env` file
    /// or `ledgerqa.home` in `ledgerqa.yaml`).
    public static func root() async throws -> URL {
        home(try await Settings.current().value(SettingKey("ledgerqa", "home"))?.text).appendingPathComponent("keystore", isDirectory: true)
    }

    static func home(_ value: String?) -> URL {
        let path = value.flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.currentDirectoryPath + "/.ledgerqa"
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    private static let lastRevision = Atomic<UInt64>(0)

    /// A revision newer than every earlier one of this process: nanoseconds since 1970.
    static func nextRevision() -> UInt64 {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1e9))
        while true {
            let last = lastRevision.load(ordering: .relaxed)
            let next = max(now, last + 1)
            if lastRevision.compareExchange(expected: last, desired: next, ordering: .relaxed).exchanged { return next }
        }
    }

    func prepareDirectory() throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch { throw KeystoreError.cannotWrite(directory.path) }
    }

    /// The record with a new revision, and its journal line.
    func stamped(_ record: UserRecord) -> (UserRecord, [UInt8]) {
        var record = record
        record.revision = Self.nextRevision()
        return (record, record.journalLine)
    }

    /// Records a new version of `record`; it is on disk within 20 ms (a group commit).
    public func save(_ record: UserRecord) throws {
        try journal.prepareOnce(prepareDirectory)
        let (stamped, line) = stamped(record)
        try journal.append(line, record: stamped)
    }

    /// Records a new version of `record` and returns once it is on disk: for what must survive
    /// a crash at any instant (a key before funds move to it, a claim before its payment).
    public func saveDurably(_ record: UserRecord) async throws {
        try journal.prepareOnce(prepareDirectory)
        let (stamped, line) = stamped(record)
        try await journal.appendDurably(line, record: stamped)
    }

    /// Returns once everything saved so far is on disk.
    public func flush() async throws { try await journal.flush() }

    /// The newest version of every record of this network.
    public func records() throws -> [UserRecord] {
        try withLock(LOCK_SH) { try readAll() }.values.sorted { $0.label == $1.label ? $0.address < $1.address : $0.label < $1.label }
    }

    /// The records of one generated user set, by number.
    public func userSet(_ name: String) throws -> [UserRecord] {
        try records().filter { $0.userSet == name && $0.role == .user }.sorted { ($0.setIndex ?? 0) < ($1.setIndex ?? 0) }
    }

    private func readAll() throws -> [String: UserRecord] {
        var latest = journal.written
        func take(_ record: UserRecord) {
            if let known = latest[record.address], known.revision > record.revision { return }
            latest[record.address] = record
        }
        let decoder = JSONDecoder()
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        for url in files.filter({ $0.pathExtension == "jsonl" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() where !line.isEmpty {
                do { take(try decoder.decode(UserRecord.self, from: Data(line))) } catch {
                    // A crash mid-write leaves a torn last line without its newline: it was never committed.
                    if n == lines.count - 1 { continue }
                    throw KeystoreError.unreadable("\(url.path) line \(n + 1)", "\(error)")
                }
            }
        }
        // The first keystore format: one file per account under users/.
        let legacy = directory.appendingPathComponent("users", isDirectory: true)
        for url in ((try? FileManager.default.contentsOfDirectory(at: legacy, includingPropertiesForKeys: nil)) ?? [])
            .filter({ $0.pathExtension == "json" })
        {
            do { take(try decoder.decode(UserRecord.self, from: Data(contentsOf: url))) } catch {
                throw KeystoreError.unreadable(url.path, "\(error)")
            }
        }
        return latest
    }

    /// Folds the journals of processes that are gone (and first-format files) into
    /// `snapshot.jsonl`, written atomically, so the directory stays small.
    public func compact() throws {
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        try withLock(LOCK_EX) {
            let all = try readAll()
            let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            let gone = files.filter { url in
                guard url.pathExtension == "jsonl", let owner = Self.journalOwner(url.lastPathComponent) else { return false }
                return owner != .current && !owner.isAlive
            }
            let legacy = directory.appendingPathComponent("users", isDirectory: true)
            guard !gone.isEmpty || FileManager.default.fileExists(atPath: legacy.path) else { return }
            var bytes: [UInt8] = []
            for record in all.values.sorted(by: { $0.address < $1.address }) {
                bytes += record.journalLine
                bytes.append(UInt8(ascii: "\n"))
            }
            let snapshot = directory.appendingPathComponent("snapshot.jsonl")
            try Self.writeDurably(bytes, to: snapshot)
            for url in gone { try? FileManager.default.removeItem(at: url) }
            try? FileManager.default.removeItem(at: legacy)
        }
    }

    /// The owner a journal's name records: `journal-<host>-<pid>-<start>.jsonl`.
    static func journalOwner(_ name: String) -> ProcessOwner? {
        guard name.hasPrefix("journal-"), name.hasSuffix(".jsonl") else { return nil }
        let parts = name.dropFirst(8).dropLast(6).split(separator: "-")
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]), let start = UInt64(parts[parts.count - 1]) else { return nil }
        return ProcessOwner(pid: pid, startTicks: start == 0 ? nil : start, bootID: ProcessOwner.bootID,
            host: parts.dropLast(2).joined(separator: "-"))
    }

    /// Writes `bytes` to a temporary file, fsyncs it and renames it over `url`.
    static func writeDurably(_ bytes: [UInt8], to url: URL, mode: mode_t = 0o600) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw KeystoreError.cannotWrite(temporary.path) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 || errno == EINTR else {
                close(fd)
                throw KeystoreError.cannotWrite(temporary.path)
            }
            offset += max(n, 0)
        }
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary.path, url.path) == 0 else { throw KeystoreError.cannotWrite(url.path) }
    }

    private func withLock<T>(_ operation: Int32, _ body: () throws -> T) throws -> T {
        try prepareDirectory()
        let fd = open(directory.appendingPathComponent(".lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KeystoreError.cannotWrite(directory.appendingPathComponent(".lock").path) }
        defer { close(fd) }
        while flock(fd, operation) != 0, errno == EINTR {}
        return try body()
    }

    /// The funder's key for this network, created on first use.
    public func funderKey() throws -> KeyPair {
        let url = directory.appendingPathComponent("funder.key")
        if let data = FileManager.default.contents(atPath: url.path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        {
            do { return try KeyPair(seedHex: text) } catch { throw KeystoreError.unreadable(url.path, "\(error)") }
        }
        try prepareDirectory()
        let key = KeyPair()
        try Self.writeDurably(Array((key.seedHex + "\n").utf8), to: url)
        return key
    }
}

/// A keystore file that cannot be written or read.
public enum KeystoreError: Error, Sendable, CustomStringConvertible {
    case cannotWrite(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): "cannot write keystore file \(path): check the directory's permissions or set LEDGERQA_HOME"
        case .unreadable(let path, let why): "keystore file \(path) is unreadable (\(why)); move it away to continue"
        }
    }
}
