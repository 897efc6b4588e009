import ArgumentParser
import Devnet
import Fixtures
import Foundation
import Networks

/// Prints the load engine's throughput for several user counts (actions/s, requests/s and per
/// action, CPU milliseconds per action of the harness and of the devnet, p50/p99), the cost of
/// Ed25519 and the bound it sets, resident memory per idle user, and the size and write time
/// of a long run's reports.
///
///     swift run -c release load-bench [--users 50,500] [--seconds 20] [--idle-users 5000]
///     swift run -c release load-bench --url http://127.0.0.1:8545/rpc --idle-users 0
///     swift run -c release load-bench --report-files off,on --mixes unpaced
///     swift run -c release load-bench --history 1000000
///     swift run -c release load-bench --report-only [--report-seconds 3600] [--recorded report.json]
///     swift build -c release && .build/release/load-bench --shards 1,2,4 [--users 50] [--seconds 20]
///     swift run -c release load-bench --merge-only [--merge-shards 4] [--report-seconds 3600]
@main
struct LoadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-bench",
        abstract: "Actions/s, requests and CPU per action of harness and devnet, Ed25519's cost, memory per idle user, and the reports' cost.")

    @Option(help: "User counts to measure, comma-separated.")
    var users = "50,500"

    @Option(help: "Seconds each measurement runs.")
    var seconds: Double = 20

    @Option(help: "Mixes to run, comma-separated: unpaced (the seven actions that never wait for time), all (the twelve).")
    var mixes = "unpaced,all"

    @Option(help: ArgumentHelp("An external devnet's JSON-RPC URL (a separate process); the embedded devnet otherwise.",
        discussion: "The devnet's CPU time is read from /proc for the process that listens on the URL's port (or --devnet-pid)."))
    var url: String?

    @Option(help: "The external devnet's process id, when it cannot be found from the URL's port.")
    var devnetPID: Int32?

    @Option(help: "Whether each case writes report.json and report.html: on, off, or both as 'off,on' (the cost of the report files).")
    var reportFiles = "on"

    @Option(help: "Only the growth figures: balance reads and transfers on a fresh in-process devnet, then after this many transfers.")
    var history = 0

    @Option(help: "Accounts that send the history's transfers (each sends history / senders).")
    var historySenders = 1_000

    @Option(help: "Balance reads and transfers timed, fresh and after the history.")
    var historySamples = 2_000

    @Flag(help: "Also print the JSON-RPC calls per action by method (scans every body: costs harness CPU).")
    var countMethods = false

    @Option(help: "Users provisioned (funded, idle) for the memory figure; 0 skips it.")
    var idleUsers = 5_000

    @Option(help: "The run's seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("What each user gets, as LOAD_USER_FUNDS takes it, e.g. '20000 NAT, 10000 UND'.",
        discussion: "A long run needs more than the default: users stop acting once their fees have spent what they were given."))
    var userFunds: String?

    @Flag(help: "Only the report figures: size and write time of report.json and report.html for a simulated run.")
    var reportOnly = false

    @Flag(help: "Skip the report figures at the end.")
    var noReportFigures = false

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
        if history > 0 {
            guard historySenders > 0, historySamples > 0 else { throw ValidationError("--history-senders and --history-samples take positive integers") }
            return try await HistoryBench(transactions: history, senders: historySenders, samples: historySamples, options: DevnetOptions()).run()
        }
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
        let chosenMixes = try mixes.split(separator: ",").map { name -> LoadMix in
            switch name.trimmingCharacters(in: .whitespaces) {
            case "unpaced": Self.unpaced
            case "all": LoadMix.all
            default: throw ValidationError("--mixes takes unpaced and/or all, e.g. unpaced,all; got '\(name)'")
            }
        }
        let fileModes = try reportFiles.split(separator: ",").map { mode -> Bool in
            switch mode.trimmingCharacters(in: .whitespaces) {
            case "on": true
            case "off": false
            default: throw ValidationError("--report-files takes on, off or off,on; got '\(mode)'")
            }
        }
        guard !chosenMixes.isEmpty, !fileModes.isEmpty else { throw ValidationError("--mixes and --report-files need at least one value") }

        let cores = ProcessInfo.processInfo.activeProcessorCount
        let signing = SigningBench.measure()
        print(String(format: "ed25519 (swift-crypto), one core: sign %.1f µs, verify %.1f µs per operation (%d/%d verified)",
            signing.signMicroseconds, signing.verifyMicroseconds, signing.verified, signing.iterations))

        let server: EmbeddedDevnetServer?
        let target: String
        var devnetPID: Int32? = self.devnetPID
        if let url {
            guard let port = URL(string: url)?.port else { throw ValidationError("--url needs an explicit port, e.g. http://127.0.0.1:8545/rpc") }
            server = nil
            target = url
            if devnetPID == nil { devnetPID = ProcessCPU.listener(port: port) }
            print("load-bench: external devnet \(url)" + (devnetPID.map { " (pid \($0))" } ?? " (its process was not found: no devnet CPU figure; pass --devnet-pid)"))
        } else {
            let started = try await EmbeddedDevnetServer.start(node: DevnetNode(genesis: Network.embeddedGenesis))
            server = started
            target = started.rpcURL
            print("load-bench: embedded devnet over HTTP in this process (harness CPU includes the devnet's)")
        }
        let counter = CountingTransport(base: CurlTransport(url: target), countMethods: countMethods)
        let chain = NativeChain(rpc: RPCClient(transport: counter))
        let context = try await ConnectionContext(chain: chain, info: try await chain.info(), isEmbedded: server != nil)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("load-bench-\(getpid())/keystore")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        print("  \(cores) cores, \(seconds) s per run, seed \(seed); load average at start: \(loadAverage())")
        if idleUsers > 0 { try await measureIdleUsers(context: context, root: root) }

        let sampler = RunSampler(counter: counter, devnetPID: devnetPID)
        let sampling = Task { await sampler.run() }
        defer { sampling.cancel() }
        print("mix      users  files  actions  actions/s   req/s  req/a  tx/a  harness ms/a  devnet ms/a  p50 ms  p99 ms  success  mism  case s  ed25519 bound a/s")
        for mix in chosenMixes {
            for count in counts {
                for files in fileModes {
                    var configuration = LoadConfiguration(seed: seed)
                    if let userFunds { configuration.userFunds = try LoadConfiguration.parse(["LOAD_USER_FUNDS": userFunds]).userFunds }
                    configuration.duration = .milliseconds(Int64(seconds * 1000))
                    configuration.reportFiles = files
                    let label = "bench-\(mix.name)-\(count)"
                    let run = try await LoadRun.provision(count: count, label: label, configuration: configuration, context: context, root: root)
                    let caseStart = ContinuousClock.now
                    let methodsBefore = counter.methodCounts
                    let report = try await run.run(mix.actions, label: label)
                    let caseSeconds = (ContinuousClock.now - caseStart).seconds
                    let end = report.startedAt.addingTimeInterval(report.elapsed.seconds)
                    let d = sampler.delta(from: report.startedAt, to: end)
                    let ended = max(1, report.total.counts.finished)
                    let perAction = Double(d.transactions) / Double(ended)
                    // Each transaction is signed once by the harness and verified once by the node.
                    let bound = perAction > 0 ? Double(cores) * 1e6 / (perAction * (signing.signMicroseconds + signing.verifyMicroseconds)) : .infinity
                    let devnet = d.devnetMS.map { String(format: "%11.2f", $0 / Double(ended)) } ?? (server != nil ? "  (in proc)" : "          -")
                    print(mix.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                        + String(format: "%6d  ", count) + (files ? "   on" : "  off")
                        + String(format: "  %7d  %9.1f  %6.0f  %5.2f  %4.2f  %12.2f  ", report.total.counts.finished,
                            report.total.actionsPerSecond, Double(d.requests) / report.elapsed.seconds, Double(d.requests) / Double(ended), perAction,
                            d.harnessMS / Double(ended))
                        + devnet
                        + String(format: "  %6.1f  %6.1f  %6.2f%%  %4d  %6.1f  %17.0f", report.total.latency.p50.milliseconds, report.total.latency.p99.milliseconds,
                            report.successRate * 100, report.mismatchCount, caseSeconds, bound))
                    if countMethods {
                        // Over the whole case (provisioning and collection excluded, invariants and the last reads included).
                        print("    calls per action: " + Self.callsPerAction(counter.methodCounts, since: methodsBefore, actions: ended))
                    }
                }
            }
        }
        print("  req/a: HTTP requests per action (a batch is one); tx/a: signed transactions per action; ms/a: CPU milliseconds")
        print("  (user + system, all threads, from /proc) per action while the users acted; case s: the whole case, with invariants,")
        print("  collection and report files; ed25519 bound: actions/s on \(cores) cores if signing and verifying were the only work.")
        print("  load average at end: \(loadAverage())")
        if countMethods { Self.timeParsing(counter.largestAnswer) }
        await server?.stop()
        if !noReportFigures { try reports.run(repeats: reportRepeats) }
    }

    /// Resident memory of idle users, measured first in a fresh process: objects, keystore
    /// records and log handles; then the same number funded (with the embedded devnet, its
    /// state grows too).
    func measureIdleUsers(context: ConnectionContext, root: URL) async throws {
        let rss0 = Self.residentBytes()
        var configuration = LoadConfiguration(seed: seed)
        configuration.duration = .milliseconds(1)
        let idle = try await LoadRun.provision(count: idleUsers, label: "idle", configuration: configuration, context: context,
            root: root, fund: false)
        let rss1 = Self.residentBytes()
        print(String(format: "idle users: %d users + partners, unfunded: RSS %.1f -> %.1f MiB, %.1f KiB per user", idleUsers,
            Double(rss0) / 1_048_576, Double(rss1) / 1_048_576, Double(rss1 - rss0) / Double(idleUsers) / 1024))
        _ = idle.users.count
        let funded = try await LoadRun.provision(count: idleUsers, label: "idle-funded", configuration: configuration, context: context, root: root)
        let rss2 = Self.residentBytes()
        print(String(format: "idle users: %d more users + partners, funded: RSS %.1f -> %.1f MiB, %.1f KiB per user (embedded devnet state included)",
            idleUsers, Double(rss1) / 1_048_576, Double(rss2) / 1_048_576, Double(rss2 - rss1) / Double(idleUsers) / 1024))
        _ = await funded.collectAll()
    }

    /// Times `JSON.parse` on one core over the largest answer a run carried (a state read's
    /// batch answer), the parse every action's check pays.
    static func timeParsing(_ answer: [UInt8]) {
        guard !answer.isEmpty, let parsed = try? JSON.parse(answer) else { return }
        let items = parsed.arrayValue?.count ?? 1
        let rounds = max(200, 20_000_000 / answer.count)
        var kept = 0
        let start = ContinuousClock.now
        for _ in 0..<rounds { if case .array(let a)? = try? JSON.parse(answer) { kept &+= a.count } }
        let micros = (ContinuousClock.now - start).seconds * 1e6 / Double(rounds)
        precondition(kept == rounds * (parsed.arrayValue == nil ? 0 : items), "every round parsed the same answer")
        print(String(format: "JSON.parse, one core, the run's largest answer (%d bytes, %d items): %.1f µs per answer, %.2f µs per item, %.0f MB/s",
            answer.count, items, micros, micros / Double(items), Double(answer.count) / micros) + (kept < 0 ? "" : ""))
    }

    /// `method 1.23, ...`: JSON-RPC calls per action by method, most frequent first.
    static func callsPerAction(_ now: [String: Int], since before: [String: Int], actions: Int) -> String {
        var calls: [(name: String, count: Int)] = []
        for (name, count) in now where count > (before[name] ?? 0) { calls.append((name, count - (before[name] ?? 0))) }
        calls.sort { $0.count > $1.count }
        var parts: [String] = []
        for call in calls {
            let perAction = Double(call.count) / Double(max(1, actions))
            parts.append(call.name + " " + String(format: "%.2f", perAction))
        }
        return parts.joined(separator: ", ")
    }

    /// VmRSS of this process from /proc, in bytes.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    /// The 1, 5 and 15 minute load averages: how contended the machine was.
    func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }
}
