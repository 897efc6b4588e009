import Configuration
import Foundation
public import Networks

/// A step run's configuration file (seed 001's `config.yaml`), JSON or YAML, read with
/// swift-configuration's `FileProvider`. Paths in it are relative to its folder.
public struct StepsConfiguration: Sendable {
    public let file: URL
    /// The run's name (its state and keys are kept under it); default: the config folder and test name.
    public let name: String?
    /// Rounds of the journey; `nil` with `roundsCollection` (one round per record) or for one round.
    public let rounds: Int?
    public let maxRounds: Int?
    public let roundsCollection: String?
    /// Port of the first worker server; each next worker (by name) gets the next port.
    public let basePort: Int?
    public let dataDirectory: URL
    public let workersFile: URL
    /// The collections to seed, by name (`creators`, `accounts`, `agents`).
    public let collections: [String: CollectionSpec]
    /// Pricing of the creator-keys instance the `creators` collection is registered on.
    public let creatorKeys: CreatorKeysSpec?
    let values: ConfigValues

    /// The collections the runner knows how to load into the devnet protocol.
    public static let knownCollections = ["accounts", "agents", "creators"]

    public var folder: URL { file.deletingLastPathComponent() }

    /// Reads and checks the file; a malformed one throws `StepsFileError` naming the field.
    public static func load(_ file: URL) async throws -> StepsConfiguration {
        let values = try await ConfigValues.load(file)
        let folder = file.deletingLastPathComponent()
        var collections: [String: CollectionSpec] = [:]
        for name in knownCollections {
            let dataFile = try values.string("collections.\(name).data_file")
            let required = try values.int("collections.\(name).required_count", in: 0...1_000_000)
            guard dataFile != nil || required != nil else { continue }
            guard let required else {
                throw values.error("collections.\(name).required_count", "missing; expected the least number of records the collection must have")
            }
            collections[name] = CollectionSpec(name: name, dataFile: dataFile, requiredCount: required)
        }
        let rounds = try values.int("rounds", in: 1...100_000)
        let roundsCollection = try values.string("rounds_collection")
        if rounds != nil, roundsCollection != nil {
            throw values.error("rounds", "set either rounds or rounds_collection (one round per record), not both")
        }
        if let roundsCollection, collections[roundsCollection]?.dataFile == nil {
            throw values.error("rounds_collection", "\"\(roundsCollection)\" is not a collection with a data_file under collections "
                + "(known: \(knownCollections.joined(separator: ", ")))")
        }
        let dataDirectory = folder.appendingPathComponent(try values.string("data_dir") ?? "data", isDirectory: true)
        return StepsConfiguration(
            file: file, name: try values.string("name"), rounds: rounds, maxRounds: try values.int("max_rounds", in: 1...100_000),
            roundsCollection: roundsCollection, basePort: try values.int("base_port", in: 1...65_535),
            dataDirectory: dataDirectory, workersFile: folder.appendingPathComponent(try values.string("workers_config") ?? "workers.json"),
            collections: collections, creatorKeys: try CreatorKeysSpec(values, required: collections["creators"] != nil), values: values)
    }

    /// A value of the file for `runner.get` (seed 001: config values are available on the runner).
    func value(_ path: String) -> JSON? { values.json(path) }
}

/// One collection to seed: its data file (relative to `data_dir`) and the records it must have.
public struct CollectionSpec: Sendable, Equatable {
    public let name: String
    public let dataFile: String?
    public let requiredCount: Int
}

/// The creator-keys instance the `creators` collection is registered on (SPEC 4).
public struct CreatorKeysSpec: Sendable, Equatable {
    public let keyPrice: Int128
    public let creatorBps: Int64
    public let protocolBps: Int64
    public let curve: CurveKind
    public let slope: Int128

    init?(_ values: ConfigValues, required: Bool) throws {
        let price = try values.amount("creator_keys.key_price", as: .nat)
        guard required || price != nil else { return nil }
        guard let price else { throw values.error("creator_keys.key_price", "missing; the creators collection needs the instance's key price") }
        guard price > 0 else { throw values.error("creator_keys.key_price", "must be above 0 (SPEC 4)") }
        guard let creator = try values.int("creator_keys.creator_bps", in: 0...10_000) else {
            throw values.error("creator_keys.creator_bps", "missing; expected the creator's share of the price in bps")
        }
        guard let proto = try values.int("creator_keys.protocol_bps", in: 0...10_000) else {
            throw values.error("creator_keys.protocol_bps", "missing; expected the protocol's share of the price in bps")
        }
        guard creator + proto == 10_000 else {
            throw values.error("creator_keys.creator_bps", "creator_bps + protocol_bps is \(creator + proto); SPEC 4 needs 10000")
        }
        guard proto <= 5_000 else { throw values.error("creator_keys.protocol_bps", "\(proto) is above SPEC 4's cap of 5000") }
        let curveName = try values.string("creator_keys.curve") ?? "flat"
        guard let curve = CurveKind(rawValue: curveName) else {
            throw values.error("creator_keys.curve", "\"\(curveName)\" is not flat, linear or quadratic")
        }
        keyPrice = price
        creatorBps = Int64(creator)
        protocolBps = Int64(proto)
        self.curve = curve
        slope = try values.amount("creator_keys.slope", as: .nat) ?? 0
    }
}
