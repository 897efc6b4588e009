import Fixtures
import Foundation

/// The cost of a load case's reports for a long run: a run's statistics simulated from
/// recorded per-action rates and latencies (seeded), turned into report.json and report.html.
struct ReportBench {
    /// One action as a recorded run saw it: how often it ended and how long it took.
    struct ActionProfile {
        let name: ActionName
        let perSecond: Double
        /// Draws one latency in microseconds.
        let latency: (inout SeededGenerator) -> UInt64
    }

    let seconds: Int
    let seed: UInt64
    let profile: [ActionProfile]
    let source: String
    /// Where the files go: kept there when given, else a temporary directory removed after.
    var home: URL?

    /// The `all` mix of a 50-user, 30-second run against the embedded devnet
    /// (`LOAD_DURATION=30 swift test --filter Load`): actions/s, p50 and p99 per action.
    static let recorded: [(ActionName, perSecond: Double, p50: Double, p99: Double)] = [
        (.mintRandomAgentRandomAmount, 4.1, 250, 900), (.mintLowestFeeAgentRandomAmount, 4.0, 250, 880),
        (.mintExecuteRandomMinting, 1.2, 60, 240), (.mintRandomAgentRandomAmountBlockUnderlying, 3.9, 260, 950),
        (.redeemRandomAmount, 3.6, 90, 420), (.redeemDefaultRandomRedemption, 0.4, 70, 300),
        (.redeemDefaultRandomRedemptionBlockUnderlying, 3.2, 95, 430), (.enterRandomPoolRandomAmount, 3.8, 160, 330),
        (.exitRandomPoolRandomAmount, 2.2, 150, 320), (.withdrawRandomPoolFees, 3.5, 60, 175),
        (.scenario1, 1.4, 1_300, 4_200), (.scenario2, 1.1, 11_000, 14_000),
    ]

    /// The built-in profile: log-normal latencies through each action's recorded p50 and p99.
    static func builtIn(seconds: Int, seed: UInt64) -> ReportBench {
        let profile = recorded.map { name, rate, p50, p99 in
            let sigma = log(p99 / p50) / 2.326
            return ActionProfile(name: name, perSecond: rate) { rng in
                let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
                let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
                return UInt64(max(p50 * exp(sigma * normal) * 1000, 1))
            }
        }
        return ReportBench(seconds: seconds, seed: seed, profile: profile, source: "the built-in profile of a recorded 50-user run")
    }

    /// A profile read from a recorded report.json: each action's rate, and latencies drawn
    /// from its whole-run histogram.
    static func from(_ url: URL, seconds: Int, seed: UInt64) throws -> ReportBench {
        let document = try LoadReportDocument.read(from: url)
        var profile: [ActionProfile] = []
        for action in document.actions where action.counts.ended > 0 {
            guard let name = action.name, let histogram = try action.latency.decodedHistogram() else { continue }
            profile.append(ActionProfile(name: ActionName(name), perSecond: action.actionsPerSecond) { rng in
                UInt64(histogram.percentile(Double.random(in: 0..<100, using: &rng)).milliseconds * 1000)
            })
        }
        return ReportBench(seconds: seconds, seed: seed, profile: profile, source: url.path)
    }

    /// The run's statistics: every action started and ended at seeded times, recorded in time
    /// order as a live run records them (starts and ends interleaved), about one in 200
    /// failing and a few with a mismatch.
    func simulate(start: ContinuousClock.Instant) -> RunStatistics {
        var rng = SeededGenerator(seed: seed)
        struct Action { let started: Int64; let ended: Int64; let name: ActionName; let user: Int; let failed: Bool; let mismatch: Bool }
        var actions: [Action] = []
        for second in 0..<seconds {
            for action in profile {
                var n = Int(action.perSecond)
                if Double.random(in: 0..<1, using: &rng) < action.perSecond - Double(n) { n += 1 }
                for _ in 0..<n {
                    let started = Int64(second) * 1_000_000 + Int64.random(in: 0..<1_000_000, using: &rng)
                    actions.append(Action(started: started, ended: started + Int64(action.latency(&rng)), name: action.name,
                        user: Int.random(in: 0..<50, using: &rng), failed: Int.random(in: 0..<200, using: &rng) == 0,
                        mismatch: Int.random(in: 0..<20_000, using: &rng) == 0))
                }
            }
        }
        // (time, index, is the end): each action's start and end, in time order.
        var events = actions.indices.flatMap { [(actions[$0].started, $0, false), (actions[$0].ended, $0, true)] }
        events.sort { $0.0 < $1.0 }
        let statistics = RunStatistics(start: start)
        for (_, i, isEnd) in events {
            let a = actions[i]
            let begin = start + .microseconds(a.started)
            guard isEnd else {
                statistics.started(a.name, at: begin)
                continue
            }
            statistics.finished(a.name, user: "user-\(a.user)", started: begin, ended: start + .microseconds(a.ended), succeeded: !a.failed,
                mismatches: a.mismatch ? [Mismatch(field: "fund", expected: "20000001", actual: "20000000", asset: .fund)] : [],
                error: a.failed ? "reverted: NotEnoughFreeLots" : nil)
        }
        return statistics
    }

    func run(repeats: Int) throws {
        let clock = ContinuousClock()
        let start = ContinuousClock.now
        var statistics: RunStatistics?
        let simulation = clock.measure { statistics = simulate(start: start) }
        guard let statistics else { return }
        let settings = LoadRunSettings(runID: "report-bench-\(getpid())", seed: seed, users: 50, duration: .seconds(seconds), mix: "all",
            actions: profile.map(\.name), target: "http://127.0.0.1:8545/rpc", executor: "closed: each user loops",
            thresholds: ["success>=99%", "mismatches==0", "invariants==0", "p99<15s"])
        var report = LoadReport(label: "all", settings: settings, statistics: statistics, startedAt: Date(), elapsed: .seconds(seconds),
            given: Funds(nat: 50_250 * 1_000_000_000_000_000_000, und: 25_000 * 1_000_000),
            logDirectory: FileManager.default.temporaryDirectory)
        report.thresholds = settings.thresholds.compactMap { try? Threshold.parse($0) }.map { $0.evaluate(report) }
        let home = self.home ?? FileManager.default.temporaryDirectory.appendingPathComponent("report-bench-\(getpid())", isDirectory: true)
        defer { if self.home == nil { try? FileManager.default.removeItem(at: home) } }

        print("report: \(seconds) s run simulated from \(source), seed \(seed)")
        print(String(format: "  %d actions ended, %d buckets, %d mismatches; simulation %.2f s (not part of the report's cost)",
            report.total.counts.finished, report.series.count, report.mismatchCount, simulation.seconds))
        var document: LoadReportDocument?
        var json = Data(), html = ""
        var times: [String: [Duration]] = [:]
        for _ in 0..<repeats {
            times["document", default: []].append(clock.measure { document = LoadReportDocument(report) })
            guard let document else { return }
            try times["report.json encode", default: []].append(clock.measure { json = try document.jsonData() })
            times["report.html render", default: []].append(clock.measure { html = document.html() })
            try times["both files written (all of the above + disk)", default: []].append(clock.measure { _ = try report.writeReportFiles(under: home) })
            try times["report.json read back (decode)", default: []].append(clock.measure { _ = try LoadReportDocument.decode(json) })
        }
        if self.home != nil { print("  files kept in \(home.appendingPathComponent("reports").path)") }
        print(String(format: "  report.json %.2f MB (%d bytes), report.html %.2f MB (%d bytes)", Double(json.count) / 1e6, json.count,
            Double(html.utf8.count) / 1e6, html.utf8.count))
        print("  time, median (min) of \(repeats):")
        for name in ["document", "report.json encode", "report.html render", "both files written (all of the above + disk)", "report.json read back (decode)"] {
            let sorted = (times[name] ?? []).sorted()
            guard let first = sorted.first else { continue }
            print("    " + name.padding(toLength: 48, withPad: " ", startingAt: 0)
                + String(format: "%8.1f ms (%.1f ms)", sorted[sorted.count / 2].milliseconds, first.milliseconds))
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
