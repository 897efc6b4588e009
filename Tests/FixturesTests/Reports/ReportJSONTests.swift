import Foundation
@testable import Fixtures
import Testing

/// report.json is what a later merge of several shards' runs reads back: stable names, base
/// units as strings, histograms lossless.
@Suite("Report JSON")
struct ReportJSONTests {
    let report = ReportSamples.report()

    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a document decoded from its JSON equals the one encoded, figure for figure")
    func roundTrip() throws {
        let document = LoadReportDocument(report)
        let back = try LoadReportDocument.decode(try document.jsonData())
        #expect(back == document)
        #expect(try back.jsonData() == document.jsonData(), "encoding the decoded document gives the same bytes")
        #expect(back.total.counts.actionCounts == report.total.counts)
        #expect(back.total.latency.summary == report.total.latency, "percentiles survive milliseconds in JSON")
        #expect(back.series.count == report.series.count && back.series.count >= 20)
        #expect(back.mismatchCount == 1 && back.mismatches.first?.mismatch == report.mismatches.first?.mismatch)
        #expect(back.funds.returned.funds == report.returned)
        #expect(back.thresholds.map(\.passed) == report.thresholds.map(\.passed))
    }

    @Test("histograms come back from JSON with every count, whole-run and per bucket")
    func histogramsLossless() throws {
        let back = try LoadReportDocument.decode(try LoadReportDocument(report).jsonData())
        for figures in back.actions {
            let name = ActionName(try #require(figures.name))
            let original = try #require(report.latencies[name])
            let decoded = try #require(try figures.latency.decodedHistogram())
            #expect(decoded.count == original.count, "\(name)")
            #expect(Array(decoded.histogram.recordedValues()).map { "\($0.value):\($0.count)" }
                == Array(original.histogram.recordedValues()).map { "\($0.value):\($0.count)" }, "\(name): every bucket and count")
            for p in [50.0, 90, 99, 99.9, 100] { #expect(decoded.percentile(p) == original.percentile(p), "\(name) p\(p)") }
        }
        var merged = LatencyHistogram()
        for bucket in back.series {
            if let h = try bucket.latency.decodedHistogram() { merged.merge(h) }
        }
        #expect(merged.count == report.latency(nil).count, "the buckets' histograms add up to the whole run's")
        #expect(merged.percentile(99) == report.latency(nil).percentile(99))
    }

    @Test("field names are stable snake_case and amounts and seeds are decimal strings")
    func fieldNames() throws {
        let json = try object(try LoadReportDocument(report).jsonData())
        #expect(Set(json.keys) == ["schema", "run_id", "case", "started_at", "elapsed_seconds", "outcome", "settings", "replay", "actions",
            "total", "series", "dropped", "mismatch_count", "mismatches", "failure_count", "failures", "invariants", "thresholds", "fees",
            "funds", "pool_tokens_to_partners", "log_directory"])
        #expect(json["schema"] as? Int == 1)
        #expect(json["started_at"] as? String == "2026-01-01T00:00:00.123Z")
        let fees = try #require(json["fees"] as? [String: Any])
        #expect(fees["gas"] as? String == "1735750000000000000", "amounts are strings, not numbers")
        #expect(fees["reservation"] as? String == "50000000000000000000")
        let returned = try #require((json["funds"] as? [String: Any])?["returned"] as? [String: Any])
        #expect(returned["nat"] as? String == "9998019750000000000000" && returned["fund"] as? String == "2500002362")
        let settings = try #require(json["settings"] as? [String: Any])
        #expect(settings["seed"] as? String == "18446744073709551557", "a seed above 2^53 stays exact")
        #expect(Set(settings.keys) == ["seed", "users", "duration_seconds", "mix", "actions", "target", "executor", "thresholds"])
        let replay = try #require(json["replay"] as? [String: Any])
        #expect(replay["command"] as? String == "LOAD_SEED=18446744073709551557 swift test --filter Load")
        let action = try #require((json["actions"] as? [[String: Any]])?.first)
        #expect(Set(action.keys) == ["name", "counts", "success_rate", "actions_per_second", "latency"])
        let latency = try #require(action["latency"] as? [String: Any])
        #expect(Set(latency.keys) == ["count", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms", "histogram"])
        #expect((latency["histogram"] as? String)?.hasPrefix("HISTF") == true, "HdrHistogram's compressed V2 cookie in base64")
        let counts = try #require(action["counts"] as? [String: Any])
        #expect(Set(counts.keys) == ["started", "succeeded", "failed", "ended", "with_mismatches"])
        let bucket = try #require((json["series"] as? [[String: Any]])?[3])
        #expect(Set(bucket.keys) == ["start", "width", "counts", "latency", "dropped", "actions"])
        let mismatch = try #require((json["mismatches"] as? [[String: Any]])?.first)
        #expect(Set(mismatch.keys) == ["user", "action", "second", "field", "expected", "actual", "asset"])
        #expect(mismatch["asset"] as? String == "FUND" && mismatch["expected"] as? String == "20000001")
        let threshold = try #require((json["thresholds"] as? [[String: Any]])?.last)
        #expect(Set(threshold.keys) == ["expression", "unit", "observed", "observed_text", "verdict", "abort_on_fail"])
        #expect(threshold["expression"] as? String == "p99<2s!" && threshold["abort_on_fail"] as? Bool == true)
    }

    @Test("a report of another schema version or with a malformed amount is refused with a reason")
    func refusals() throws {
        let data = try LoadReportDocument(report).jsonData()
        var text = try #require(String(data: data, encoding: .utf8))
        let future = text.replacingOccurrences(of: "\"schema\":1", with: "\"schema\":2")
        #expect(future != text)
        #expect(throws: LoadReportDocument.UnsupportedSchema.self) { try LoadReportDocument.decode(Data(future.utf8)) }
        text = text.replacingOccurrences(of: "\"gas\":\"1735750000000000000\"", with: "\"gas\":1.7e18")
        #expect(throws: DecodingError.self, "an amount must be a decimal string") { try LoadReportDocument.decode(Data(text.utf8)) }
    }
}
