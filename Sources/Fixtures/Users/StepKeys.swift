import Foundation
import Networks

/// Keys of a step run's workers and seeded accounts, one 0600 file per key under
/// `<keystore>/steps/<run>/<name>.key`, so that a resumed run signs with the same keys and a
/// reset (or the run's end) can collect their funds. Created on first use, like `funderKey()`.
extension Keystore {
    func stepKeysDirectory(run: String) -> URL {
        directory.appendingPathComponent("steps/\(run)", isDirectory: true)
    }

    /// The key `name` of `run` (e.g. `worker.buyer.main`), generated and saved when missing.
    func stepKey(run: String, name: String) throws -> KeyPair {
        let folder = stepKeysDirectory(run: run)
        let url = folder.appendingPathComponent("\(name).key")
        if let data = FileManager.default.contents(atPath: url.path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            do { return try KeyPair(seedHex: text) } catch { throw KeystoreError.unreadable(url.path, "\(error)") }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = KeyPair()
        let temporary = folder.appendingPathComponent(".\(name).\(UInt64.random(in: 0...UInt64.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data((key.seedHex + "\n").utf8),
            attributes: [.posixPermissions: 0o600]), rename(temporary.path, url.path) == 0
        else { throw KeystoreError.cannotWrite(url.path) }
        return key
    }

    /// Every key `run` saved, by name.
    func stepKeys(run: String) throws -> [(name: String, key: KeyPair)] {
        let folder = stepKeysDirectory(run: run)
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return try files.filter { $0.pathExtension == "key" }.sorted { $0.path < $1.path }.map { url in
            let text = String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
            do { return (url.deletingPathExtension().lastPathComponent, try KeyPair(seedHex: text)) } catch {
                throw KeystoreError.unreadable(url.path, "\(error)")
            }
        }
    }

    /// Forgets the keys of `run` (after their funds were collected; the collection records keep the seeds).
    func removeStepKeys(run: String) {
        try? FileManager.default.removeItem(at: stepKeysDirectory(run: run))
    }
}
