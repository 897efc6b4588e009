public import Networks
public import Devnet
import Foundation

/// A malformed environment variable. The run stops with this rather than guess a default.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let variable: String
    public let value: String
    public let expected: String

    public var description: String { "\(variable)=\"\(value)\" is malformed: expected \(expected)" }
}

/// LedgerQA's settings from the environment (README "Environment variables").
public struct LedgerQAEnvironment: Sendable {
    /// JSON-RPC endpoint of the network under test; `nil` boots the embedded devnet.
    public var devnetURL: String?
    /// The admin key of a remote network (`DEVNET_ADMIN_KEY`, 64 hex).
    public var adminKey: KeyPair?
    /// Kafka bootstrap servers (`KAFKA_BROKERS`).
    public var kafkaBrokers: String?
    /// `USE_KAFKA` (default true).
    public var useKafka = true
    /// `SNAPSHOT_RECORD=1` re-records every snapshot.
    public var snapshotRecord = false
    /// How the embedded devnet boots: `DEVNET_STRICT_SPEC`, `DEVNET_FAULTS`, `DEVNET_PLANT`.
    public var embeddedDevnet = DevnetOptions()

    public init() {}

    /// Reads the process environment.
    public static func current() throws(ConfigurationError) -> LedgerQAEnvironment {
        try parse(ProcessInfo.processInfo.environment)
    }

    /// Reads the given variables; empty values count as unset.
    public static func parse(_ env: [String: String]) throws(ConfigurationError) -> LedgerQAEnvironment {
        var result = LedgerQAEnvironment()
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        if let url = value("DEVNET_URL") {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw ConfigurationError(variable: "DEVNET_URL", value: url, expected: "an http(s) URL such as http://127.0.0.1:8545")
            }
            result.devnetURL = parsed.path.isEmpty || parsed.path == "/" ? url.trimmingSuffix("/") + "/rpc" : url
        }
        if let key = value("DEVNET_ADMIN_KEY") {
            do { result.adminKey = try KeyPair(seedHex: key) } catch {
                throw ConfigurationError(variable: "DEVNET_ADMIN_KEY", value: "<\(key.count) characters>",
                    expected: "the admin key seed as 64 lowercase hex characters")
            }
        }
        result.kafkaBrokers = value("KAFKA_BROKERS")
        if let v = value("USE_KAFKA") { result.useKafka = try flag("USE_KAFKA", v) }
        if let v = value("SNAPSHOT_RECORD") { result.snapshotRecord = try flag("SNAPSHOT_RECORD", v) }
        if let v = value("DEVNET_STRICT_SPEC") { result.embeddedDevnet.strictSpec = try flag("DEVNET_STRICT_SPEC", v) }
        for (name, apply) in [("DEVNET_FAULTS", Self.faults), ("DEVNET_PLANT", Self.plants)] {
            guard let v = value(name) else { continue }
            do throws(FaultSpecError) { try apply(&result.embeddedDevnet, v) } catch {
                throw ConfigurationError(variable: name, value: v, expected: "\(error.grammar) (\(error.part): \(error.problem))")
            }
            result.embeddedDevnet.faultSwitch = true
        }
        return result
    }

    static func faults(_ options: inout DevnetOptions, _ spec: String) throws(FaultSpecError) { options.faults = try HTTPFaults.parse(spec) }
    static func plants(_ options: inout DevnetOptions, _ spec: String) throws(FaultSpecError) { options.plants = try PlantedBug.parse(spec) }

    static func flag(_ name: String, _ value: String) throws(ConfigurationError) -> Bool {
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, value: value, expected: "true or false (also 1/0, yes/no, on/off)")
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
