import Foundation
@testable import Fixtures
import Networks
import Testing

/// Merging shard reports: sums, percentiles from merged histograms, missing shards, thresholds.
@Suite("Merging shard reports")
struct ReportMergeTests {
    /// Three shards' documents as their finals carry them (through JSON and back), built once:
    /// in a debug build each takes seconds of histogram work, which four synchronous tests
    /// repeating it would take from every other test's threads.
    static func shards() throws -> [ShardReport] { try built.get() }

    private static let built = Result { () throws -> [ShardReport] in
        try (0..<3).map { i in
            let document = LoadReportDocument(ReportSamples.report(seed: 100 + UInt64(i)))
            return ShardReport(shard: i, document: try LoadReportDocument.decode(try document.jsonData()), users: 5, host: "h")
        }
    }

    @Test("counts, fees and funds are the shards' sums; percentiles are those of the union of their histograms")
    func sums() throws {
        let shards = try Self.shards()
        let merged = try ReportMerge.merge(shards, shards: 3)
        #expect(merged.total.counts.ended == shards.reduce(0) { $0 + $1.document.total.counts.ended })
        #expect(merged.total.counts.started == shards.reduce(0) { $0 + $1.document.total.counts.started })
        for action in merged.actions {
            let parts = shards.compactMap { s in s.document.actions.first { $0.name == action.name } }
            #expect(action.counts.ended == parts.reduce(0) { $0 + $1.counts.ended }, "\(action.name ?? "-")")
        }
        var union = LatencyHistogram()
        for s in shards { union.merge(try #require(try s.document.total.latency.decodedHistogram())) }
        #expect(merged.total.latency.p99Ms == union.percentile(99).milliseconds)
        #expect(merged.total.latency.p50Ms == union.percentile(50).milliseconds)
        let averaged = shards.reduce(0.0) { $0 + $1.document.total.latency.p99Ms } / 3
        #expect(merged.total.latency.p99Ms != averaged, "a merged p99 is not the shards' average")
        #expect(merged.fees.gas.value == shards.reduce(0) { $0 + $1.document.fees.gas.value })
        #expect(merged.funds.returned.funds.nat == shards.reduce(0) { $0 + $1.document.funds.returned.funds.nat })
        #expect(merged.settings.users == 15)
        #expect(merged.mismatchCount == 3 && merged.invariants.count == 6)
        #expect(merged.invariants.contains { $0.name == "shard 2/3: nat_conservation" && !$0.holds })
        #expect(merged.shards?.reported.map(\.index) == [0, 1, 2] && merged.shards?.missing == [])
    }

    @Test("each second of the series sums the shards' counts and merges their histograms")
    func series() throws {
        let shards = try Self.shards()
        let merged = try ReportMerge.merge(shards, shards: 3)
        let longest = shards.map(\.document.series.count).max() ?? 0
        #expect(merged.series.count == longest && merged.series.map(\.start) == Array(0..<longest))
        for bucket in merged.series {
            let parts = shards.compactMap { s in s.document.series.first { $0.start == bucket.start } }
            #expect(bucket.counts.ended == parts.reduce(0) { $0 + $1.counts.ended })
            var union = LatencyHistogram()
            for p in parts { if let h = try p.latency.decodedHistogram() { union.merge(h) } }
            #expect(bucket.latency.count == union.count && bucket.latency.p99Ms == union.percentile(99).milliseconds)
        }
    }

    @Test("a shard that never reported is named with why, and thresholds are judged on the merged figures")
    func missing() throws {
        let shards = Array(try Self.shards().prefix(2))
        let merged = try ReportMerge.merge(shards, shards: 3, totalUsers: 15, missing: [2: "its process ended without a final report"])
        #expect(merged.shards?.missing == [LoadReportDocument.MissingShard(index: 2, reason: "its process ended without a final report")])
        #expect(merged.settings.users == 15)
        let mismatches = try #require(merged.thresholds.first { $0.expression == "mismatches==0" })
        #expect(mismatches.observed == 2 && !mismatches.passed, "two shards' mismatches: \(mismatches)")
        let text = MergedSummary.text(merged, directory: nil)
        #expect(text.contains("merged from 2 of 3 shards") && text.contains("shard 2: MISSING: its process ended"), "\(text)")
        #expect(merged.html().contains("MISSING"))
        #expect(try LoadReportDocument.decode(try merged.jsonData()) == merged, "the merged report round-trips")
    }

    @Test("a long series goes to Kafka in parts under the message limit and comes back whole")
    func parts() throws {
        let series = LoadReportDocument(ReportSamples.report(seed: 5)).series
        let many = (0..<40).flatMap { k in series.map { b -> LoadReportDocument.Bucket in var c = b; c.start += k * series.count; return c } }
        let parts = try ShardCodec.parts(many)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { (try? ShardCodec.encode($0).count) ?? .max < ShardCodec.messageLimit })
        #expect(parts.flatMap { $0 }.map(\.start) == many.map(\.start))
    }
}

extension ReportMergeTests {
    @Test("a merged report.json, missing shard and all, validates against docs/report.schema.json",
        .enabled(if: ReportSchemaTests.jsonschemaAvailable, "python3 with jsonschema is not installed (Debian: apt install python3-jsonschema)"),
        .timeLimit(.minutes(2)))
    func schema() async throws {
        let merged = try ReportMerge.merge(Array(try Self.shards().prefix(2)), shards: 3, missing: [2: "never announced itself"])
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("merged-schema-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try LoadReportFiles.write(merged, to: LoadReportFiles.directory(runID: merged.runID, label: merged.label, under: home))
        let result = try await ToolRun.run(ReportSchemaTests.script, [home.appendingPathComponent("reports").path])
        #expect(result.status == 0 && result.output.contains("1 of 1 reports valid"), "\(result.output)")
    }
}
