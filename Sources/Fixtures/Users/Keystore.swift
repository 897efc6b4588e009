import Foundation
import Networks

/// Keys and records of load users, funder and partners, one JSON file per account with
/// mode 0600, so a crashed run can be recovered and its funds collected.
///
/// Files live under `<root>/<chain_id>-<genesis hash prefix>/`, so users of an embedded
/// devnet that no longer exists are never taken for users of a live network. The root is
/// `LEDGERQA_HOME` or `.ledgerqa/keystore` in the working directory.
public struct Keystore: Sendable {
    public let directory: URL

    public init(root: URL, network: NetworkInfo) {
        directory = root.appendingPathComponent("\(network.chainID)-\(network.genesisHash.prefix(16))", isDirectory: true)
    }

    /// The default root: `$LEDGERQA_HOME/keystore`, else `./.ledgerqa/keystore`.
    public static var defaultRoot: URL {
        let env = ProcessInfo.processInfo.environment["LEDGERQA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let home = URL(fileURLWithPath: env ?? FileManager.default.currentDirectoryPath + "/.ledgerqa", isDirectory: true)
        return home.appendingPathComponent("keystore", isDirectory: true)
    }

    var usersDirectory: URL { directory.appendingPathComponent("users", isDirectory: true) }

    /// Writes `record` atomically with mode 0600.
    public func save(_ record: UserRecord) throws {
        try FileManager.default.createDirectory(at: usersDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = usersDirectory.appendingPathComponent("\(record.address).json")
        let temporary = usersDirectory.appendingPathComponent(".\(record.address).\(UInt64.random(in: 0...UInt64.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: try encoder.encode(record),
            attributes: [.posixPermissions: 0o600])
        else { throw KeystoreError.cannotWrite(temporary.path) }
        // rename(2) replaces the old file atomically, so a crash never leaves half a record.
        guard rename(temporary.path, url.path) == 0 else { throw KeystoreError.cannotWrite(url.path) }
    }

    /// Every record of this network.
    public func records() throws -> [UserRecord] {
        let files = (try? FileManager.default.contentsOfDirectory(at: usersDirectory, includingPropertiesForKeys: nil)) ?? []
        return try files.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }.map { url in
            do { return try JSONDecoder().decode(UserRecord.self, from: Data(contentsOf: url)) } catch {
                throw KeystoreError.unreadable(url.path, "\(error)")
            }
        }
    }

    /// The funder's key for this network, created on first use.
    public func funderKey() throws -> KeyPair {
        let url = directory.appendingPathComponent("funder.key")
        if let data = FileManager.default.contents(atPath: url.path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        {
            do { return try KeyPair(seedHex: text) } catch { throw KeystoreError.unreadable(url.path, "\(error)") }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = KeyPair()
        guard FileManager.default.createFile(atPath: url.path, contents: Data((key.seedHex + "\n").utf8),
            attributes: [.posixPermissions: 0o600])
        else { throw KeystoreError.cannotWrite(url.path) }
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
