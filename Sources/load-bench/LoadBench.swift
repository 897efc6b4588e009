import ArgumentParser
import Devnet
import Fixtures
import Foundation
import Networks
import Synchronization

/// Prints the load engine's throughput (actions/s and RPC requests/s over HTTP against the
/// embedded devnet) for several user counts, resident memory per idle user, and the size and
/// write time of a long run's reports.
///
///     swift run -c release load-bench [--users 50,500] [--seconds 20] [--idle-users 5000]
///     swift run -c release load-bench --report-only [--report-seconds 3600] [--recorded report.json]
///     swift build -c release && .build/release/load-bench --shards 1,2,4 [--users 50] [--seconds 20]
///     swift run -c release load-bench --merge-only [--merge-shards 4] [--report-seconds 3600]
@main
struct LoadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-bench",
        abstract: "Actions/s and RPC requests/s of the load engine, resident memory per idle user, and the reports' size and write time.")

    @Option(help: "User counts to measure, comma-separated.")
    var users = "50,500"

    @Option(help: "Seconds each measurement runs.")
    var seconds: Double = 20

    @Option(help: "Users provisioned (funded, idle) for the memory figure; 0 skips it.")
    var idleUsers = 5_000

    @Option(help: "The run's seed.")
    var seed: UInt64 = 1

    @Flag(help: "Only the report figures: size and write time of report.json and report.html for a simulated run.")
    var reportOnly = false

    @Option(help: "Seconds of the run the report figures simulate (3600: one hour, one bucket a second).")
    var reportSeconds = 3_600

    @Option(help: "A recorded report.json whose per-action rates and latency histograms the simulation draws from.")
    var recorded: String?

    @Option(help: "Times each report figure is measured.")
    var reportRepeats = 3

    @Option(help: "Keep the simulated run's report files under this directory (reports/<run id>/all/) instead of removing them.")
    var reportHome: String?

    @Option(help: "Distributed runs to measure: shard counts, comma-separated (e.g. 1,2,4); --users is then per shard. Needs the devnet executable beside this one (swift build -c release).")
    var shards: String?

    @Flag(help: "Only the merge figures: --merge-shards shards' reports of a --report-seconds run, decoded, merged and written.")
    var mergeOnly = false

    @Option(help: "Shards whose reports --merge-only merges.")
    var mergeShards = 4

    @Option(help: .hidden) var shardChild: String?
    @Option(help: .hidden) var url: String?
    @Option(help: .hidden) var runID: String?
    @Option(help: .hidden) var benchHome: String?

    /// Actions that never wait for time (timelocks, bot schedules): the engine's own pace.
    static let unpaced = LoadMix("unpaced", [
        .mintRandomAgentRandomAmount, .mintLowestFeeAgentRandomAmount, .mintExecuteRandomMinting, .redeemRandomAmount,
        .enterRandomPoolRandomAmount, .exitRandomPoolRandomAmount, .withdrawRandomPoolFees,
    ])

    func run() async throws {
        guard reportRepeats > 0, reportSeconds > 0 else { throw ValidationError("--report-seconds and --report-repeats take positive integers") }
        var reports = try recorded.map { try ReportBench.from(URL(fileURLWithPath: $0), seconds: reportSeconds, seed: seed) }
            ?? ReportBench.builtIn(seconds: reportSeconds, seed: seed)
        reports.home = reportHome.map { URL(fileURLWithPath: $0, isDirectory: true) }
        if reportOnly { return try reports.run(repeats: reportRepeats) }
        if mergeOnly { return try MergeBench(reports: reports, shards: mergeShards, repeats: reportRepeats).run() }
        let counts = users.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else { throw ValidationError("--users takes positive integers, e.g. 50,500") }
        if let shardChild, let url, let runID, let benchHome {
            return try await ShardBench.child(shard: shardChild, url: url, runID: runID, users: counts[0], seconds: seconds, seed: seed,
                home: URL(fileURLWithPath: benchHome, isDirectory: true))
        }
        if let shards {
            let shardCounts = shards.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !shardCounts.isEmpty, shardCounts.allSatisfy({ (1...16).contains($0) }) else { throw ValidationError("--shards takes counts from 1 to 16, e.g. 1,2,4") }
            return try await ShardBench(counts: shardCounts, usersPerShard: counts[0], seconds: seconds, seed: seed).run()
        }
        let node = DevnetNode(genesis: Network.embeddedGenesis)
        let server = try await EmbeddedDevnetServer.start(node: node)
        let counter = CountingTransport(base: CurlTransport(url: server.rpcURL))
        let chain = NativeChain(rpc: RPCClient(transport: counter))
        let context = try await ConnectionContext(chain: chain, info: try await chain.info())
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("load-bench-\(getpid())/keystore")
        print("load-bench: embedded devnet over HTTP (libcurl), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(seconds) s per run")
        if idleUsers > 0 {
            // Measured first, in a fresh process: objects, keystore records and log handles of
            // idle users; then the same users funded (the in-process devnet's state grows too).
            let rss0 = residentBytes()
            var configuration = LoadConfiguration(seed: seed)
            configuration.duration = .milliseconds(1)
            let idle = try await LoadRun.provision(count: idleUsers, label: "idle", configuration: configuration, context: context,
                root: root, fund: false)
            let rss1 = residentBytes()
            print(String(format: "idle users: %d users + partners, unfunded: RSS %.1f -> %.1f MiB, %.1f KiB per user", idleUsers,
                Double(rss0) / 1_048_576, Double(rss1) / 1_048_576, Double(rss1 - rss0) / Double(idleUsers) / 1024))
            _ = idle.users.count
            let funded = try await LoadRun.provision(count: idleUsers, label: "idle-funded", configuration: configuration, context: context, root: root)
            let rss2 = residentBytes()
            print(String(format: "idle users: %d more users + partners, funded: RSS %.1f -> %.1f MiB, %.1f KiB per user (devnet state included)",
                idleUsers, Double(rss1) / 1_048_576, Double(rss2) / 1_048_576, Double(rss2 - rss1) / Double(idleUsers) / 1024))
            _ = await funded.collectAll()
        }
        print("mix      users   actions   actions/s   rpc/s    rpc/action   success   mismatches")
        for mix in [Self.unpaced, LoadMix.all] {
            for count in counts {
                var configuration = LoadConfiguration(seed: seed)
                configuration.duration = .milliseconds(Int64(seconds * 1000))
                let run = try await LoadRun.provision(count: count, label: "bench-\(mix.name)-\(count)", configuration: configuration,
                    context: context, root: root)
                let before = counter.count
                let report = try await run.run(mix.actions, label: "bench-\(mix.name)-\(count)")
                let requests = counter.count - before
                let ended = report.total.counts.finished
                print(mix.name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%6d  %8d  %10.1f  %7.0f  %11.1f  %7.2f%%  %10d",
                    count, ended, report.total.actionsPerSecond, Double(requests) / (report.elapsed.milliseconds / 1000),
                    Double(requests) / Double(max(1, ended)), report.successRate * 100, report.mismatchCount))
            }
        }
        await server.stop()
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
        try reports.run(repeats: reportRepeats)
    }

    /// VmRSS of this process from /proc, in bytes.
    func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }
}

/// Counts the requests a transport carries (a batch counts as one HTTP request).
final class CountingTransport: Transport {
    let base: any Transport
    private let requests = Atomic<Int>(0)

    init(base: any Transport) { self.base = base }

    var count: Int { requests.load(ordering: .relaxed) }

    func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        requests.add(1, ordering: .relaxed)
        return try await base.roundTrip(body)
    }
}
