@testable import Fixtures
import Testing

/// One set of time-bucketed statistics feeds live lines, reports and thresholds.
@Suite("Run statistics")
struct RunStatisticsTests {
    let start = ContinuousClock.now

    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int64(seconds * 1000)) }

    @Test("actions land in the bucket of the second they started or ended in, per action and in total")
    func buckets() {
        let stats = RunStatistics(start: start)
        stats.started(.redeemRandomAmount, at: at(0.2))
        stats.finished(.redeemRandomAmount, user: "user-0", started: at(0.2), ended: at(1.4), succeeded: true)
        stats.started(.scenario1, at: at(1.5))
        stats.finished(.scenario1, user: "user-1", started: at(1.5), ended: at(3.5), succeeded: false, error: "reverted")
        stats.dropped(at: at(3.9))
        let snapshot = stats.snapshot()
        #expect(snapshot.series.map(\.start) == [0, 1, 2, 3], "second 2 is a bucket of zeros")
        #expect(snapshot.series[2].total == ActionCounts())
        #expect(snapshot.series[0].actions[.redeemRandomAmount]?.started == 1)
        #expect(snapshot.series[1].actions[.redeemRandomAmount]?.succeeded == 1)
        #expect(snapshot.series[1].latency[.redeemRandomAmount]?.summary.p50.milliseconds.rounded() == 1200)
        #expect(snapshot.series[1].total.started == 1, "scenario1 started in second 1")
        #expect(snapshot.series[3].actions[.scenario1]?.failed == 1)
        #expect(snapshot.series[3].dropped == 1)
        #expect(snapshot.failures.map(\.error) == ["reverted"])
        #expect(stats.total == ActionCounts(started: 2, succeeded: 1, failed: 1))
        #expect(snapshot.series.allSatisfy { $0.open.isEmpty }, "a snapshot's buckets are closed and encoded")
        #expect(snapshot.series[1].allLatency.encoded != nil)
    }

    @Test("buckets are a second wide for the first hour and ten seconds after it")
    func widths() {
        #expect(RunStatistics.bucketWidth(at: 0) == 1 && RunStatistics.bucketWidth(at: 3599) == 1)
        #expect(RunStatistics.bucketWidth(at: 3600) == 10)
        #expect(RunStatistics.bucketStart(for: 3605) == 3600 && RunStatistics.bucketStart(for: 3619) == 3610)
        let stats = RunStatistics(start: start)
        for second in [3598.5, 3599.5, 3601, 3609, 3611] {
            stats.started(.scenario2, at: at(second))
        }
        let series = stats.snapshot().series
        #expect(series.count == 3598 + 4)
        #expect(series.suffix(4).map { "\($0.start)+\($0.width):\($0.total.started)" } == ["3598+1:1", "3599+1:1", "3600+10:2", "3610+10:1"])
    }

    @Test("an action that ends after its start's bucket closed still counts its start where it belongs")
    func lateRecords() {
        let stats = RunStatistics(start: start)
        stats.started(.scenario2, at: at(5.5))
        stats.finished(.scenario1, user: "u", started: at(1), ended: at(6.1), succeeded: true)
        stats.started(.scenario1, at: at(5.2))  // recorded late, after second 6 opened
        let series = stats.snapshot().series
        #expect(series.map(\.start) == Array(0...6))
        #expect(series[5].total.started == 2)
    }

    @Test("the interval figures cover what happened since the last call, then start over")
    func intervals() {
        let stats = RunStatistics(start: start)
        stats.started(.scenario1, at: at(0))
        stats.finished(.scenario1, user: "u", started: at(0), ended: at(0.5), succeeded: true,
            mismatches: [Mismatch(field: "nat", expected: "1", actual: "2", asset: .nat)])
        let first = stats.takeInterval(now: at(2))
        #expect(first.counts == ActionCounts(started: 1, succeeded: 1, withMismatches: 1))
        #expect(first.rate == 0.5)
        #expect(first.latency.p99.milliseconds.rounded() == 500)
        #expect(stats.takeInterval(now: at(4)).counts == ActionCounts())
        #expect(stats.mismatchCount == 1)
        #expect(stats.snapshot().mismatches.first?.user == "u")
    }
}
