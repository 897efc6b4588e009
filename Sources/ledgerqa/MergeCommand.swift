import ArgumentParser
import Fixtures
import Foundation

/// `ledgerqa merge --run ID`: one report per case of a distributed run, from its shards' results on Kafka.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shards' reports of a distributed load run (from Kafka) into one report.json and report.html per case.",
        discussion: """
            Reads ledgerqa.runs and ledgerqa.load-reports from their beginning, merges each case's shard reports (counts and rates \
            summed, percentiles from the merged HDR histograms, every shard's mismatches and invariants, thresholds judged on the \
            merged figures) and writes $LEDGERQA_HOME/reports/<run id>/<case>/report.json and report.html. Shards that never \
            reported are named. Exit status 0 when every shard reported and every threshold passed, 1 otherwise.
            """)

    @Option(name: .customLong("run"), help: "The run id the shards shared (LOAD_RUN_ID).")
    var runID: String

    @Option(name: .customLong("case"), help: "Merge only this case (mix); repeatable. Default: every case found.")
    var cases: [String] = []

    @Option(help: "The number of shards, when no shard's message says it.")
    var shards: Int?

    @Option(help: "Seconds to wait for shards that have not reported yet (never for ended processes of this host).")
    var wait: Double = 0

    @Option(help: "Kafka bootstrap servers (default: KAFKA_BROKERS, else devnet_info.kafka of DEVNET_URL).")
    var brokers: String?

    @OptionGroup var network: NetworkOptions

    func validate() throws {
        guard ActionName(runID).isWellFormed else { throw ValidationError("--run takes a run id: letters, digits, _ and -") }
        guard wait >= 0, wait <= 86_400 else { throw ValidationError("--wait takes seconds from 0 to 86400") }
        if let shards, !(1...LoadShard.maxCount).contains(shards) { throw ValidationError("--shards takes 1 to \(LoadShard.maxCount)") }
    }

    func run() async throws {
        let servers = try await KafkaBrokers.resolve(brokers, url: network.url)
        let merged = try await RunMerge.run(runID: runID, brokers: servers, labels: cases.isEmpty ? nil : cases, shards: shards,
            wait: .milliseconds(Int64(wait * 1000)), home: try await LedgerQAHome.resolve(network.home))
        for m in merged { print(m.text) }
        if !merged.allSatisfy(\.passed) { throw ExitCode(1) }
    }
}
