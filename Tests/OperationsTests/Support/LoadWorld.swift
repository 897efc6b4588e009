import Fixtures
import Foundation
import Networks
import Testing

/// A standalone devnet process and a home folder of its own, in which a test runs the Load
/// suite as `./ledgerqa load` does (this test bundle run again, in place of a shell) and the
/// operator commands (the `ledgerqa` executable), all as real child processes.
struct LoadWorld {
    let home: URL
    let devnet: WorkerServer
    let adminKey: String
    /// Whether the devnet runs its embedded Kafka (distributed runs need it).
    var kafka = false

    var rpcURL: String { "http://127.0.0.1:\(devnet.port)/rpc" }

    /// The environment of every child: this network, this home, a short report interval.
    func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("LOAD_") { env[key] = nil }
        env["DEVNET_URL"] = rpcURL
        env["DEVNET_ADMIN_KEY"] = adminKey
        env["LEDGERQA_HOME"] = home.path
        env["USE_KAFKA"] = kafka ? "true" : "false"
        env["LOAD_USERS"] = "3"
        env["LOAD_REPORT_INTERVAL"] = "1"
        return env.merging(extra) { $1 }
    }

    /// A fresh world for `body`; the devnet is stopped afterwards, also when `body` throws.
    static func with(kafka: Bool = false, _ body: (LoadWorld) async throws -> Void) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-ops-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let keyFile = home.appendingPathComponent("admin.key")
        let devnet = try await WorkerServer.start(command: "{bin}/devnet --port {port} --admin-key-file '\(keyFile.path)' --kafka \(kafka ? "embedded" : "off")",
            port: try WorkerServer.freePort(), health: "http://127.0.0.1:{port}/health", logFile: home.appendingPathComponent("devnet.log"))
        var failure: (any Error)?
        do {
            let key = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try await body(LoadWorld(home: home, devnet: devnet, adminKey: key, kafka: kafka))
        } catch { failure = error }
        await devnet.stop()
        if let failure { throw failure } else { try? FileManager.default.removeItem(at: home) }
    }

    /// The Load suite in a child process, as `./ledgerqa load` runs it.
    func load(_ extra: [String: String]) throws -> ChildProcess {
        try ChildProcess(BuildProducts.testBundle, ["--testing-library", "swift-testing", "--filter", "^Load\\."],
            environment: environment(extra), name: "the load run")
    }

    /// `ledgerqa <arguments>` run to its end (bounded).
    func ledgerqa(_ arguments: [String], _ extra: [String: String] = [:], timeout: Duration = .seconds(180)) async throws
        -> (status: Int32, output: String)
    {
        let child = try ChildProcess(try BuildProducts.executable("ledgerqa"), arguments, environment: environment(extra),
            name: "ledgerqa \(arguments.joined(separator: " "))")
        let exit = try await child.waitForExit(timeout: timeout)
        return (exit.status, child.text)
    }

    /// The keystore's accounts of this network with their balances, read in this process.
    func accounts() async throws -> AccountsReport {
        try await AccountsReport.read(try await OperatorConnection.open(url: rpcURL, home: home.path))
    }
}
