import Foundation
@testable import Fixtures
import Networks
import Synchronization

/// Load reports built from seeded statistics, without a network: what the report tests read.
enum ReportSamples {
    static let actions: [ActionName] = [.mintRandomAgentRandomAmount, .redeemRandomAmount, .enterRandomPoolRandomAmount]

    static func settings(runID: String = "20260101T000000Z-1", label: String = "minting", actions: [ActionName] = actions) -> LoadRunSettings {
        LoadRunSettings(runID: runID, seed: 18_446_744_073_709_551_557, users: 5, duration: .seconds(20), mix: label, actions: actions,
            target: "http://127.0.0.1:8545/rpc", executor: "closed: each user loops", thresholds: ["success>=99%", "mismatches==0", "p99<2s!"])
    }

    /// A 20-second case of three actions, seeded: latencies of tens to hundreds of
    /// milliseconds, a failure now and then, one mismatch whose field is hostile HTML, and
    /// dropped iterations in the last seconds.
    static func report(seed: UInt64 = 7, home: URL = FileManager.default.temporaryDirectory, label: String = "minting",
        hostile: String = "<script>alert('x')</script>") -> LoadReport
    {
        let statistics = statistics(seed: seed, hostile: hostile)
        var report = LoadReport(label: label, settings: settings(label: label), statistics: statistics,
            startedAt: Date(timeIntervalSince1970: 1_767_225_600.123), elapsed: .milliseconds(20_310),
            invariants: [InvariantResult(name: "fund_supply", holds: true, detail: "FUND supply 10 uba = minted 10 - burned 0"),
                InvariantResult(name: "nat_conservation", holds: false, detail: "user-1: given 1,000 NAT != balance & <b>more</b>")],
            spent: LoadReport.Spent(gas: 1_735_750_000_000_000_000, underlying: 1_608, reservation: 50 * Units.nat),
            given: Funds(nat: 10_050 * Units.nat, und: 5_000 * Units.und),
            returned: Funds(nat: 9_998_019_750_000_000_000_000, und: 2_493_748_272, fund: 2_500_002_362),
            logDirectory: home.appendingPathComponent("logs/sample"))
        report.thresholds = ["success>=99%", "mismatches==0", "p99<2s!"].compactMap { try? Threshold.parse($0) }.map { $0.evaluate(report) }
        return report
    }

    /// The seeded statistics of `report`, built once per seed and field: in a debug build each
    /// takes seconds of histogram work, which the many synchronous report tests would
    /// otherwise repeat on the threads every other test at the start of a full run needs.
    /// Each sample's own lock is held while it is built, so callers of the same sample wait
    /// instead of building it again, and different samples build in parallel.
    static func statistics(seed: UInt64, hostile: String) -> RunStatistics {
        let sample = samples.withLock { samples in
            if let sample = samples["\(seed)|\(hostile)"] { return sample }
            let sample = Sample()
            samples["\(seed)|\(hostile)"] = sample
            return sample
        }
        return sample.statistics.withLock { statistics in
            if let statistics { return statistics }
            let built = buildStatistics(seed: seed, hostile: hostile)
            statistics = built
            return built
        }
    }

    private final class Sample: Sendable {
        let statistics = Mutex<RunStatistics?>(nil)
    }

    private static let samples = Mutex<[String: Sample]>([:])

    private static func buildStatistics(seed: UInt64, hostile: String) -> RunStatistics {
        let start = ContinuousClock.now
        let statistics = RunStatistics(start: start)
        var rng = SeededGenerator(seed: seed)
        func at(_ ms: Int) -> ContinuousClock.Instant { start + .milliseconds(ms) }
        for user in 0..<5 {
            var t = Int.random(in: 0..<200, using: &rng)
            while t < 20_000 {
                let action = actions.randomElement(using: &rng) ?? .redeemRandomAmount
                let latency = 20 + Int.random(in: 0..<300, using: &rng) + (Int.random(in: 0..<50, using: &rng) == 0 ? 1500 : 0)
                statistics.started(action, at: at(t))
                let fails = Int.random(in: 0..<40, using: &rng) == 0
                statistics.finished(action, user: "user-\(user)", started: at(t), ended: at(t + latency), succeeded: !fails,
                    error: fails ? "reverted: NotEnoughFreeLots" : nil)
                t += latency + Int.random(in: 0..<50, using: &rng)
            }
        }
        statistics.finished(.redeemRandomAmount, user: "user-3", started: at(5_000), ended: at(5_200), succeeded: true,
            mismatches: [Mismatch(field: "fund \(hostile)", expected: "20000001", actual: "20000000", asset: .fund)])
        for ms in stride(from: 18_000, to: 19_000, by: 250) { statistics.dropped(at: at(ms)) }
        return statistics
    }

    /// A case in which nothing ran.
    static func empty(home: URL = FileManager.default.temporaryDirectory) -> LoadReport {
        LoadReport(label: "idle", settings: settings(label: "idle"), statistics: RunStatistics(), startedAt: Date(timeIntervalSince1970: 0),
            elapsed: .zero, logDirectory: home.appendingPathComponent("logs/idle"))
    }
}
