@testable import Fixtures
import Testing

/// k6-style thresholds: the grammar, the verdicts, the defaults, and abort-on-fail.
@Suite("Thresholds")
struct ThresholdTests {
    @Test("expressions parse into action, metric, comparison, limit and abort flag", arguments: [
        ("success>=99.5%", nil, "success", Threshold.Comparison.greaterOrEqual, 99.5, false),
        ("p99<2s", nil, "p99.0", .less, 2000, false),
        ("MintRandomAgentRandomAmount.p95<800ms", "MintRandomAgentRandomAmount", "p95.0", .less, 800, false),
        ("actions/s>=20", nil, "rate", .greaterOrEqual, 20, false),
        ("mismatches==0", nil, "mismatches", .equal, 0, false),
        ("p(99.9)<=1.5m!", nil, "p99.9", .lessOrEqual, 90_000, true),
        ("Scenario1.p99.9>1", "Scenario1", "p99.9", .greater, 1, false),
        ("max!=0", nil, "p100.0", .notEqual, 0, false),
        ("TipPartner.failures<3", "TipPartner", "failures", .less, 3, false),
    ] as [(String, String?, String, Threshold.Comparison, Double, Bool)])
    func parse(text: String, action: String?, metric: String, comparison: Threshold.Comparison, limit: Double, abort: Bool) throws {
        let t = try Threshold.parse(text)
        #expect(t.action?.rawValue == action)
        #expect(t.metric.kind == metric)
        #expect(t.comparison == comparison)
        #expect(t.limit == limit)
        #expect(t.abortOnFail == abort)
        #expect(t.expression == text)
    }

    @Test("malformed expressions are refused with the reason", arguments: [
        ("p99", "no comparison"), ("latency<3", "unknown metric"), ("success>=99", "a percentage"), ("success>=101%", "above 100"),
        ("p0<3", "not a percentile"), ("mismatches<1.5", "whole count"), ("Bad Name.p99<1s", "not an action name"),
        ("MintRandomAgentRandomAmount.dropped==0", "whole case"), ("p99<-1", "not a number"),
    ])
    func malformed(text: String, reason: String) {
        #expect { try Threshold.parse(text) } throws: { ($0 as? Threshold.ParseError)?.reason.contains(reason) == true }
    }

    @Test("the defaults are the Load suite's criteria; a threshold on the same metric replaces one")
    func defaults() throws {
        #expect(Threshold.defaults.map(\.expression) == ["success>=99%", "mismatches==0", "invariants==0"])
        let merged = Threshold.merged([try Threshold.parse("success>=95%"), try Threshold.parse("p99<1s")])
        #expect(merged.map(\.expression) == ["mismatches==0", "invariants==0", "success>=95%", "p99<1s"])
    }

    @Test("verdicts compare what a run observed with each limit, and the summary lists every one")
    func verdicts() throws {
        let start = ContinuousClock.now
        let stats = RunStatistics(start: start)
        for ms in 1...100 {
            stats.finished(.redeemRandomAmount, user: "u", started: start, ended: start + .milliseconds(ms), succeeded: ms != 100)
        }
        let results = try ["p99<50ms", "success>=99%", "RedeemRandomAmount.failures<=1", "p50<=51ms"].map { try Threshold.parse($0).evaluate(stats) }
        #expect(results.map(\.passed) == [false, true, true, true])
        #expect(results[0].observed >= 99 && results[0].observed < 100, "p99 of 1..100 ms: \(results[0].observed)")
        let summary = results.summary
        #expect(summary.hasPrefix("1 of 4 thresholds failed"))
        #expect(summary.contains("✗ p99<50ms: observed 99") && summary.contains("FAILED"), "\(summary)")
    }

    @Test("an abort-on-fail threshold stops the case once it fails after its delay; others never do")
    func abortOnFail() async throws {
        let stats = RunStatistics()
        stats.finished(.scenario1, user: "u", started: stats.start, ended: stats.start + .milliseconds(5), succeeded: true)
        let control = RunControl()
        let calm = ThresholdMonitor(thresholds: [try Threshold.parse("p99<1ms")], statistics: stats, control: control, label: "t", delay: .zero)
        await calm.run()
        #expect(!control.isStopping, "without ! a failing threshold only judges the end")
        let monitor = ThresholdMonitor(thresholds: [try Threshold.parse("p99<1ms!")], statistics: stats, control: control, label: "t", delay: .zero)
        await monitor.run()
        #expect(control.outcome == .aborted(threshold: "p99<1ms!"))
    }
}
