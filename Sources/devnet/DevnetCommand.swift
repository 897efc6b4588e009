import ArgumentParser
import Devnet
import Foundation
import Hummingbird
import Networks

/// `swift run devnet`: the reference node as a standalone server. Ctrl-C stops it cleanly.
@main
struct DevnetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devnet",
        abstract: "Serve the LedgerQA devnet (SPEC.md) over JSON-RPC on HTTP.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8545

    @Option(help: "Genesis JSON file (see docs/API.md); the built-in default otherwise.")
    var genesis: String?

    @Option(name: .customLong("admin-key-file"), help: "Write the admin key's seed (hex) to this file, mode 0600.")
    var adminKeyFile: String?

    @Option(help: ArgumentHelp("Where to publish events: 'embedded' (librdkafka's mock cluster), 'off', or bootstrap servers.",
        discussion: "Defaults to KAFKA_BROKERS when set, 'off' with USE_KAFKA=false, else 'embedded'."))
    var kafka: String?

    @Flag(name: .customLong("strict-spec"), help: "Answer only what SPEC sections 1-9 define: no extra methods, no extra result fields.")
    var strictSpec = false

    @Option(help: ArgumentHelp("HTTP faults for the harness's own tests, e.g. 'latency=20ms,jitter=100ms,drop-after-include=5%,503=2%,seed=7'.",
        discussion: "Items: latency, jitter, drop-after-include, 502, 503, close, seed (docs/API.md \"Fault switch\")."))
    var faults: String?

    @Option(help: ArgumentHelp("A protocol bug to plant, e.g. 'gas:pool.exit:3:+1000', 'skip:pool.timelock', 'combo:reservation-after-exit'; repeatable.",
        discussion: "Several bugs may also be given comma-separated (docs/API.md \"Planted bugs\")."))
    var plant: [String] = []

    @Option(name: .customLong("retain-events"), help: ArgumentHelp("Events kept for events_since; older ones are dropped.",
        discussion: "Asking for a dropped event is refused with -32602 naming the oldest seq kept (docs/API.md \"Retention\")."))
    var retainEvents = DevnetOptions.defaultRetainedEvents

    @Option(name: .customLong("retain-transactions"), help: ArgumentHelp("Receipts and underlying transactions kept (each); older ones are dropped.",
        discussion: "A dropped one is unknown (2006) with a message that says it may have been dropped."))
    var retainTransactions = DevnetOptions.defaultRetainedTransactions

    @Flag(name: .customLong("list-plants"), help: "Print one plantable bug of each kind (every call's gas, every refusal rule) and exit.")
    var listPlants = false

    func validate() throws {
        guard retainEvents > 0, retainTransactions > 0 else { throw ValidationError("--retain-events and --retain-transactions take positive integers") }
        _ = try options()
    }

    /// Strict mode and the fault switch from the flags; a malformed spec names its part and grammar.
    func options() throws -> DevnetOptions {
        var options = DevnetOptions(strictSpec: strictSpec, faultSwitch: faults != nil || !plant.isEmpty, retainedEvents: retainEvents,
            retainedTransactions: retainTransactions)
        do throws(FaultSpecError) {
            if let faults { options.faults = try HTTPFaults.parse(faults) }
            options.plants = try PlantedBug.parse(plant.joined(separator: ","))
        } catch {
            throw ValidationError("--\(error)")
        }
        return options
    }

    func run() async throws {
        if listPlants {
            for bug in PlantedBug.catalog() { say(bug.description) }
            return
        }
        let genesis = try loadGenesis()
        let options = try options()
        let node = DevnetNode(genesis: genesis, options: options)
        if let adminKeyFile { try writeAdminKey(node.adminKey, to: adminKeyFile) }
        let kafka = try await DevnetKafka.start(try kafkaMode())
        if let kafka { node.attach(kafka) }
        defer { kafka?.shutdown() }
        let host = self.host
        let app = DevnetServer.application(node: node, host: host, port: port, logLevel: .warning) { port in
            say("devnet listening on http://\(host):\(port)/rpc")
            say("  chain_id \(genesis.chainID), admin \(node.adminKey.address)")
            if let adminKeyFile = self.adminKeyFile { say("  admin key written to \(adminKeyFile)") }
            say("  kafka \(kafka.map { "bootstrap \($0.bootstrapServers)" } ?? "off")")
            if options.strictSpec { say("  strict SPEC mode: no extension methods or fields") }
            if options.faults.isActive { say("  FAULTS ON: \(options.faults)") }
            if !options.plants.isEmpty { say("  PLANTED BUGS: \(options.plants.map(\.description).joined(separator: ","))") }
            say("  Ctrl-C to stop")
        }
        let scheduler = Task { await node.runScheduler() }
        defer { scheduler.cancel() }
        try await app.runService()
        say("devnet stopped")
    }

    func kafkaMode() throws -> KafkaMode {
        switch kafka {
        case "embedded": return .embedded
        case "off": return .off
        case let servers?: return .brokers(servers)
        case nil:
            let env = ProcessInfo.processInfo.environment
            var use = true
            if let value = env["USE_KAFKA"], !value.isEmpty {
                switch value.lowercased() {
                case "1", "true", "yes", "on": use = true
                case "0", "false", "no", "off": use = false
                default: throw ValidationError("USE_KAFKA=\"\(value)\" is malformed: expected true or false (also 1/0, yes/no, on/off)")
                }
            }
            return .from(useKafka: use, brokers: env["KAFKA_BROKERS"].flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    func loadGenesis() throws -> Genesis {
        guard let path = genesis else { return .default }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read genesis file \(path)")
        }
        do { return try Genesis(contentsOf: Array(data)) } catch {
            throw ValidationError("genesis file \(path) refused: \(error)")
        }
    }

    func writeAdminKey(_ key: KeyPair, to path: String) throws {
        let ok = FileManager.default.createFile(
            atPath: path, contents: Data((key.seedHex + "\n").utf8), attributes: [.posixPermissions: 0o600])
        guard ok else { throw ValidationError("cannot write the admin key to \(path)") }
    }
}

/// Writes a line to standard output at once (unbuffered), so a pipe sees the URL immediately.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
