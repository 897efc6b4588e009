import Foundation

/// A load case's `replay.json`: its settings and seed, and every action each user ran with its
/// draws, in global start order. `LOAD_REPLAY=<path>` runs it again; `minimal-replay.json`
/// has the same form.
public struct ReplayFile: Codable, Sendable, Equatable {
    public static let name = "replay.json"
    public static let minimalName = "minimal-replay.json"

    public var version = 1
    /// The case's label (its mix).
    public var label: String
    public var settings: RunSettings
    /// The bugs the devnet had planted, when the harness knows them (a private devnet's).
    public var plant: String?
    /// The failure a minimal replay reproduces (`mismatch:<action>:<field>`, `invariant:<name>`, ...).
    public var failure: String?
    public var steps: [ReplayStep]
    /// Actions that ended after `LOAD_REPLAY_LIMIT` steps were recorded: they are not in `steps`.
    public var omittedSteps: Int?

    /// The settings the case ran with.
    public struct RunSettings: Codable, Sendable, Equatable {
        public var runID: String
        public var seed: UInt64
        public var users: Int
        /// Seconds users acted.
        public var duration: Double
        public var actions: [ActionName]
        public var target: String
        public var executor: String
        public var thresholds: [String]
        public var startedAt: String
        /// The network's clock (seconds since 1970) when the case began: a replay on a private devnet
        /// starts its virtual clock at the same fraction of a second, so block times round alike.
        public var networkStart: Double?
        /// NAT and UND each user was given, in base units (absent: the default funds).
        public var userNAT: String?
        public var userUND: String?

        /// The funds each user was given.
        var userFunds: Funds {
            Funds(nat: userNAT.flatMap { Int128($0) } ?? LoadRun.userFunds.nat, und: userUND.flatMap { Int128($0) } ?? LoadRun.userFunds.und)
        }
    }

    public init(label: String, settings: RunSettings, plant: String? = nil, failure: String? = nil, steps: [ReplayStep]) {
        self.label = label
        self.settings = settings
        self.plant = plant
        self.failure = failure
        self.steps = steps
    }

    /// Reads a replay file; the error names the file and what is wrong with it.
    public static func read(_ url: URL) throws -> ReplayFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw ReplayError.unreadable(path: url.path, reason: "\(error)") }
        return try decode(data, source: url.path)
    }

    /// Decodes replay JSON (`source` names it in errors).
    public static func decode(_ data: Data, source: String = "replay JSON") throws -> ReplayFile {
        do { return try JSONDecoder().decode(ReplayFile.self, from: data) } catch {
            throw ReplayError.malformed(path: source, reason: "\(error)")
        }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The users whose steps it holds, in order.
    public var userIndices: [Int] { Array(Set(steps.map(\.user))).sorted() }

    /// This file with only `steps` (renumbered in their order).
    func with(steps: [ReplayStep]) -> ReplayFile {
        var copy = self
        copy.steps = steps.enumerated().map { n, step in
            var s = step
            s.order = n
            return s
        }
        return copy
    }
}

/// A replay that cannot run.
public enum ReplayError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case labelMismatch(file: String, replay: String, running: String)
    case tooFewUsers(needs: Int, has: Int)
    case unknownAction(ActionName, known: [ActionName])
    case noFreshDevnet

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "LOAD_REPLAY: cannot read \(path) (\(reason))"
        case .malformed(let path, let reason): "LOAD_REPLAY: \(path) is not a replay.json (\(reason))"
        case .labelMismatch(let file, let replay, let running):
            "LOAD_REPLAY: \(file) recorded the \(replay) case, not \(running): set LOAD_MIXES=\(replay) to run only that case"
        case .tooFewUsers(let needs, let has): "LOAD_REPLAY: the replay needs users 0..<\(needs) but the case has \(has): set LOAD_USERS=\(needs)"
        case .unknownAction(let name, let known):
            "LOAD_REPLAY: the replay runs \(name), which this case does not know; it knows " + known.map(\.rawValue).joined(separator: ", ")
        case .noFreshDevnet:
            "this build has no embedded devnet (the EmbeddedDevnet trait is off): a replay needs a fresh private devnet"
        }
    }
}
