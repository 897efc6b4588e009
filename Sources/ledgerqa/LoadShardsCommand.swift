import ArgumentParser
import Fixtures
import Foundation

/// `ledgerqa load-shards --shards N`: what `./ledgerqa load --shards N` runs after building.
struct LoadShardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-shards",
        abstract: "Run N shards of the Load suite on this machine against one network and merge their reports (./ledgerqa load --shards N).",
        discussion: """
            Without DEVNET_URL it starts a standalone devnet with its embedded Kafka (reachable on loopback). Each shard is the test \
            bundle with LOAD_SHARD=i/N and one LOAD_RUN_ID; Ctrl-C reaches every shard. Arguments after -- go to the test bundle \
            (default: --filter '^Load\\.'). Exit status 0 when every shard passed and reported and every merged threshold passed.
            """)

    @Option(help: "How many shard processes to start.")
    var shards: Int

    @Option(help: "The test bundle (default: LedgerQAPackageTests.xctest beside this executable).")
    var bundle: String?

    @Option(help: "LedgerQA's home folder (default: LEDGERQA_HOME, else ./.ledgerqa).")
    var home: String?

    @Argument(parsing: .postTerminator, help: "Arguments for the test bundle.")
    var testArguments: [String] = []

    func validate() throws {
        guard (1...64).contains(shards) else { throw ValidationError("--shards takes 1 to 64 on one machine") }
    }

    func run() async throws {
        let bundleURL = bundle.map { URL(fileURLWithPath: $0) } ?? BuildProducts.directory.appendingPathComponent("LedgerQAPackageTests.xctest")
        guard FileManager.default.isExecutableFile(atPath: bundleURL.path) else {
            throw ValidationError("no test bundle at \(bundleURL.path): build it with `swift build --build-tests` (./ledgerqa load does)")
        }
        let status = try await LocalShardRun(shards: shards, bundle: bundleURL, testArguments: testArguments,
            home: try await LedgerQAHome.resolve(home)).run()
        if status != 0 { throw ExitCode(status) }
    }
}
