import Foundation
import Networks

/// `network.json` in a keystore directory: which network it belongs to and whether that was
/// an embedded devnet, so a directory whose devnet is gone can be pruned (and a live
/// network's never is).
struct NetworkMarker: Codable {
    var chainID: String
    var genesisHash: String
    var url: String
    var embedded: Bool
    var owner: ProcessOwner

    /// How long the keystore of an embedded devnet that is gone is kept: a day, so a crashed
    /// run can still be looked at, though its chain (and its funds) no longer exist.
    static let embeddedRetention: TimeInterval = 24 * 3600

    static func write(for context: ConnectionContext, in keystore: Keystore) throws {
        let url = keystore.directory.appendingPathComponent("network.json")
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        try keystore.prepareDirectory()
        let endpoint = (context.chain.rpc.transport as? CurlTransport)?.url ?? "in-process"
        let marker = NetworkMarker(chainID: context.info.chainID, genesisHash: context.info.genesisHash, url: RunIdentity.publicTarget(endpoint),
            embedded: context.isEmbedded, owner: .current)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Keystore.writeDurably([UInt8](try encoder.encode(marker)), to: url)
    }

    /// Deletes keystore directories under `root` that belonged to an embedded devnet whose
    /// process is gone and that nothing touched for `embeddedRetention`. Directories without
    /// a marker, or of a network that was not embedded, are never touched.
    static func pruneGoneEmbeddedDevnets(under root: URL, now: Date = Date()) {
        let directories = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for directory in directories {
            let markerURL = directory.appendingPathComponent("network.json")
            guard let data = FileManager.default.contents(atPath: markerURL.path),
                let marker = try? JSONDecoder().decode(NetworkMarker.self, from: data), marker.embedded,
                marker.owner != .current, !marker.owner.isAlive
            else { continue }
            let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
            let newest = files.compactMap { try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate }.max() ?? .distantPast
            if now.timeIntervalSince(newest) > embeddedRetention { try? FileManager.default.removeItem(at: directory) }
        }
    }
}
