import Fixtures
import Foundation
import Networks

/// Actions/s of a distributed run with 1, 2, 4… shards on this machine against one standalone
/// devnet (its embedded Kafka carrying the barrier and the results): each shard is this
/// program run again with `--shard-child i/N`, which provisions its part of the users and runs
/// the unpaced mix through the whole distributed path (barrier, published series, final
/// report, shard 0's merge). Beside the figures, the CPU the devnet and the shards used,
/// which shows what bounds the run.
struct ShardBench {
    let counts: [Int]
    let usersPerShard: Int
    let seconds: Double
    let seed: UInt64

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shard-bench-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let genesis = folder.appendingPathComponent("genesis.json")
        try Data(#"{"asset": {"redemption_payment_window": 15}}"#.utf8).write(to: genesis)
        let devnet = try await WorkerServer.start(command: "{bin}/devnet --port {port} --kafka embedded --genesis '\(genesis.path)'",
            port: try WorkerServer.freePort(), health: "http://127.0.0.1:{port}/health", logFile: folder.appendingPathComponent("devnet.log"))
        let url = "http://127.0.0.1:\(devnet.port)/rpc"
        let info = try await NativeChain(rpc: RPCClient(transport: CurlTransport(url: url))).info()
        print("shards: standalone devnet (\(url), Kafka \(info.kafka ?? "-")), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "\(usersPerShard) users per shard, \(seconds) s, unpaced mix")
        print("shards  users  actions  actions/s  p50 ms  p99 ms  per shard            while acting: devnet cores  machine cores busy")
        for n in counts {
            let runID = "shard-bench-\(n)-\(getpid())"
            let home = folder.appendingPathComponent("home-\(n)", isDirectory: true)
            let sampler = CPUSampler(pid: devnet.processIdentifier)
            let sampling = Task { await sampler.run() }
            let children = try (0..<n).map { i in
                let p = Process()
                p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
                p.arguments = ["--shard-child", "\(i)/\(n)", "--url", url, "--run-id", runID, "--users", String(usersPerShard * n),
                    "--seconds", String(seconds), "--seed", String(seed), "--bench-home", home.path]
                p.standardOutput = FileHandle.nullDevice
                let log = folder.appendingPathComponent("shard-\(n)-\(i).log")
                _ = FileManager.default.createFile(atPath: log.path, contents: nil)
                p.standardError = try FileHandle(forWritingTo: log)
                try p.run()
                return p
            }
            for child in children { await Self.waitForExit(child) }
            sampling.cancel()
            let report = try LoadReportDocument.read(from: home.appendingPathComponent("reports/\(runID)/bench/report.json"))
            let t = report.total
            let from = ISO8601DateFormatter.withFraction.date(from: report.startedAt) ?? Date()
            let (devnetCores, machineCores) = sampler.cores(from: from, to: from.addingTimeInterval(report.elapsedSeconds))
            let perShard = (report.shards?.reported ?? []).map { String($0.ended) }.joined(separator: "/")
            print(String(format: "%6d  %5d  %7d  %9.1f  %6.1f  %6.1f  %-19@  %25.2f  %18.2f", n, report.settings.users, t.counts.ended,
                t.actionsPerSecond, t.latency.p50Ms, t.latency.p99Ms, perShard as NSString, devnetCores, machineCores))
        }
        await devnet.stop()
    }

    /// One shard: provisions its users of the run and runs the unpaced mix as a shard.
    static func child(shard: String, url: String, runID: String, users: Int, seconds: Double, seed: UInt64, home: URL) async throws {
        var configuration = try LoadConfiguration.parse(["LOAD_SHARD": shard, "LOAD_RUN_ID": runID, "LOAD_SEED": String(seed),
            "LOAD_REPORT_INTERVAL": "0", "LOAD_SHARD_TIMEOUT": "120s"])
        configuration.duration = .milliseconds(Int64(seconds * 1000))
        let chain = NativeChain(rpc: RPCClient(transport: CurlTransport(url: url)))
        let context = try await ConnectionContext(chain: chain, info: try await chain.info())
        let run = try await LoadRun.provision(count: users, label: "bench", configuration: configuration, context: context,
            root: home.appendingPathComponent("keystore", isDirectory: true))
        _ = try await run.run(LoadBench.unpaced.actions, label: "bench")
    }

    /// User + system CPU seconds of process `pid` so far, from /proc.
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Busy CPU seconds of the whole machine (every process, other users' included), from /proc/stat.
    static func machineBusySeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8), let line = stat.split(separator: "\n").first else { return 0 }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 5 else { return 0 }
        return (ticks.reduce(0, +) - ticks[3] - ticks[4]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                process.waitUntilExit()
                c.resume()
            }
        }
    }
}

/// The merge of a long distributed run: 4 shards' one-hour reports (the one-hour simulation
/// of `--report-only`), read from their JSON as Kafka carries them, merged, and written.
struct MergeBench {
    let reports: ReportBench
    let shards: Int
    let repeats: Int

    func run() throws {
        let clock = ContinuousClock()
        let start = ContinuousClock.now
        var statistics: RunStatistics?
        let simulation = clock.measure { statistics = reports.simulate(start: start) }
        guard let statistics else { return }
        let settings = LoadRunSettings(runID: "merge-bench-\(getpid())", seed: reports.seed, users: 50, duration: .seconds(reports.seconds),
            mix: "all", actions: reports.profile.map(\.name), target: "http://127.0.0.1:8545/rpc", executor: "closed: each user loops",
            thresholds: ["success>=99%", "mismatches==0", "invariants==0", "p99<15s"])
        let report = LoadReport(label: "all", settings: settings, statistics: statistics, startedAt: Date(), elapsed: .seconds(reports.seconds),
            logDirectory: FileManager.default.temporaryDirectory)
        let json = try LoadReportDocument(report).jsonData()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("merge-bench-\(getpid())", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: home) }
        print("merge: \(shards) shards' reports of a \(reports.seconds) s run each (\(report.total.counts.finished) actions, "
            + "\(report.series.count) buckets, \(String(format: "%.2f", Double(json.count) / 1e6)) MB of report.json each; "
            + "one simulation (\(String(format: "%.0f", simulation.seconds)) s) used for every shard)")
        var times: [String: [Duration]] = [:]
        var merged: LoadReportDocument?
        for _ in 0..<repeats {
            var documents: [LoadReportDocument] = []
            try times["decode the shards' reports", default: []].append(clock.measure {
                documents = try (0..<shards).map { _ in try LoadReportDocument.decode(json) }
            })
            let parts = documents.enumerated().map { ShardReport(shard: $0.offset, document: $0.element, users: 50) }
            try times["merge (histograms decoded, merged, encoded)", default: []].append(clock.measure {
                merged = try ReportMerge.merge(parts, shards: shards)
            })
            guard let merged else { return }
            try times["write report.json and report.html", default: []].append(clock.measure {
                try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
                try merged.jsonData().write(to: home.appendingPathComponent("report.json"))
                try Data(merged.html().utf8).write(to: home.appendingPathComponent("report.html"))
            })
        }
        print("  merged: \(merged?.total.counts.ended ?? 0) actions, \(merged?.series.count ?? 0) buckets; time, median (min) of \(repeats):")
        for name in ["decode the shards' reports", "merge (histograms decoded, merged, encoded)", "write report.json and report.html"] {
            let sorted = (times[name] ?? []).sorted()
            guard let first = sorted.first else { continue }
            print("    " + name.padding(toLength: 48, withPad: " ", startingAt: 0)
                + String(format: "%8.1f ms (%.1f ms)", sorted[sorted.count / 2].milliseconds, first.milliseconds))
        }
    }
}

/// Samples the devnet's and the machine's CPU every half second, to tell what the acting
/// window cost each.
final class CPUSampler: @unchecked Sendable {
    let pid: Int32
    private let lock = NSLock()
    private var samples: [(at: Date, devnet: Double, machine: Double)] = []

    init(pid: Int32) { self.pid = pid }

    func run() async {
        while !Task.isCancelled {
            let sample = (Date(), ShardBench.cpuSeconds(pid), ShardBench.machineBusySeconds())
            lock.withLock { samples.append(sample) }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Cores the devnet and the machine kept busy between two instants (the nearest samples).
    func cores(from: Date, to: Date) -> (devnet: Double, machine: Double) {
        let all = lock.withLock { samples }
        guard let a = all.last(where: { $0.at <= from }) ?? all.first, let b = all.first(where: { $0.at >= to }) ?? all.last, b.at > a.at else {
            return (0, 0)
        }
        let wall = b.at.timeIntervalSince(a.at)
        return ((b.devnet - a.devnet) / wall, (b.machine - a.machine) / wall)
    }
}

extension ISO8601DateFormatter {
    static var withFraction: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }
}
