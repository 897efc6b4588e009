public import Networks
#if EmbeddedDevnet
public import Devnet
#endif
import Foundation

/// A malformed setting. The run stops with this rather than guess a default.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting as its source names it: `LOAD_DURATION`, or `load.duration` in a file.
    public let variable: String
    public let value: String
    public let expected: String
    /// Where the value came from: `environment`, `.env`, `Tests/.env`, `ledgerqa.yaml`, …
    public let source: String?

    public init(variable: String, value: String, expected: String, source: String? = nil) {
        self.variable = variable
        self.value = value
        self.expected = expected
        self.source = source
    }

    public var description: String {
        let from = source.map { $0 == "environment" ? "" : " (from \($0))" } ?? ""
        return "\(variable)=\"\(value)\"\(from) is malformed: expected \(expected)"
    }
}

/// LedgerQA's network settings (README "Environment variables"), from the layered `Settings`.
public struct LedgerQAEnvironment: Sendable {
    /// JSON-RPC endpoint of the network under test; `nil` boots the embedded devnet.
    public var devnetURL: String?
    /// The admin key of a remote network (`DEVNET_ADMIN_KEY`, 64 hex).
    public var adminKey: KeyPair?
    /// Kafka bootstrap servers (`KAFKA_BROKERS`).
    public var kafkaBrokers: String?
    /// `USE_KAFKA` (default true).
    public var useKafka = true
    /// `SNAPSHOT_RECORD=1` re-records every snapshot (read from the process environment only).
    public var snapshotRecord = false
    #if EmbeddedDevnet
    /// How the embedded devnet boots: `DEVNET_STRICT_SPEC`, `DEVNET_FAULTS`, `DEVNET_PLANT`.
    public var embeddedDevnet = DevnetOptions()
    #endif

    public init() {}

    /// This process's settings (environment, `.env` files, `ledgerqa.yaml`).
    public static func current() async throws(ConfigurationError) -> LedgerQAEnvironment {
        try parse(try await Settings.current())
    }

    /// Reads the given variables only; empty values count as unset.
    public static func parse(_ env: [String: String]) throws(ConfigurationError) -> LedgerQAEnvironment {
        var result = try parse(Settings.environment(env))
        if let v = env["SNAPSHOT_RECORD"], !v.trimmingCharacters(in: .whitespaces).isEmpty {
            result.snapshotRecord = try flag(SettingValue(text: v.trimmingCharacters(in: .whitespaces), key: "SNAPSHOT_RECORD", source: "environment"))
        }
        return result
    }

    /// Reads the layered settings.
    public static func parse(_ settings: Settings) throws(ConfigurationError) -> LedgerQAEnvironment {
        var result = LedgerQAEnvironment()
        if let v = try settings.value(SettingKey("devnet", "url")) {
            guard let parsed = URL(string: v.text), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw v.malformed(expected: "an http(s) URL such as http://127.0.0.1:8545")
            }
            result.devnetURL = parsed.path.isEmpty || parsed.path == "/" ? v.text.trimmingSuffix("/") + "/rpc" : v.text
        }
        if let v = try settings.value(SettingKey("devnet", "admin_key")) {
            do { result.adminKey = try KeyPair(seedHex: v.text) } catch {
                throw v.malformed(expected: "the admin key seed as 64 lowercase hex characters", showing: "<\(v.text.count) characters>")
            }
        }
        result.kafkaBrokers = try settings.value(SettingKey("kafka", "brokers"))?.text
        if let v = try settings.value(SettingKey("use_kafka")) { result.useKafka = try flag(v) }
        #if EmbeddedDevnet
        if let v = try settings.value(SettingKey("devnet", "strict_spec")) { result.embeddedDevnet.strictSpec = try flag(v) }
        for (key, apply) in [(SettingKey("devnet", "faults"), Self.faults), (SettingKey("devnet", "plant"), Self.plants)] {
            guard let v = try settings.value(key) else { continue }
            do throws(FaultSpecError) { try apply(&result.embeddedDevnet, v.text) } catch {
                throw v.malformed(expected: "\(error.grammar) (\(error.part): \(error.problem))")
            }
            result.embeddedDevnet.faultSwitch = true
        }
        #endif
        return result
    }

    #if EmbeddedDevnet
    static func faults(_ options: inout DevnetOptions, _ spec: String) throws(FaultSpecError) { options.faults = try HTTPFaults.parse(spec) }
    static func plants(_ options: inout DevnetOptions, _ spec: String) throws(FaultSpecError) { options.plants = try PlantedBug.parse(spec) }
    #endif

    /// The snapshot record switch, from the process environment.
    static func snapshotRecordFromEnvironment() throws(ConfigurationError) -> Bool {
        try parse(["SNAPSHOT_RECORD": ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] ?? ""]).snapshotRecord
    }

    static func flag(_ v: SettingValue) throws(ConfigurationError) -> Bool {
        switch v.text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw v.malformed(expected: "true or false (also 1/0, yes/no, on/off)")
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
