import Foundation

/// One shard's results for a case: its final report with its whole series put back.
public struct ShardReport: Sendable {
    public let shard: Int
    public let document: LoadReportDocument
    public let users: Int
    public let host: String?

    public init(shard: Int, document: LoadReportDocument, users: Int, host: String? = nil) {
        self.shard = shard
        self.document = document
        self.users = users
        self.host = host
    }
}

/// Merges the reports of a case's shards into one document: counts, rates, fees and funds
/// summed; percentiles computed from the merged HDR histograms (whole-run and per second),
/// never averaged; every shard's mismatches, failures and invariants; thresholds judged on
/// the merged figures; shards that never reported named.
public enum ReportMerge {
    /// Why there is nothing to merge.
    public struct NothingReported: Error, CustomStringConvertible {
        public let label: String
        public var description: String { "no shard of case \(label) reported: there is nothing to merge" }
    }

    /// The merged document of `reports` (shards of one case of a `shards`-shard run);
    /// `missing` says why each shard without a report is missing.
    public static func merge(_ reports: [ShardReport], shards: Int, totalUsers: Int? = nil, missing: [Int: String] = [:]) throws -> LoadReportDocument {
        let sorted = reports.sorted { $0.shard < $1.shard }
        guard let first = sorted.first else { throw NothingReported(label: "?") }
        let documents = sorted.map(\.document)
        var d = first.document
        d.startedAt = documents.map(\.startedAt).min() ?? d.startedAt
        d.elapsedSeconds = documents.map(\.elapsedSeconds).max() ?? d.elapsedSeconds
        d.outcome = documents.first { $0.outcome.status != "completed" }?.outcome ?? d.outcome
        d.settings.users = totalUsers ?? sorted.reduce(0) { $0 + $1.users }
        if shards > 1 { d.settings.executor += ", on each of \(shards) shards" }
        let elapsed = Duration.milliseconds(Int64((d.elapsedSeconds * 1000).rounded()))
        var names: [String] = []
        for document in documents { for a in document.actions where !names.contains(a.name ?? "") { names.append(a.name ?? "") } }
        d.actions = try names.map { name in
            try figures(name, documents.compactMap { $0.actions.first { $0.name == name } }, elapsed: elapsed)
        }
        d.total = try figures(nil, documents.map(\.total), elapsed: elapsed)
        d.series = try series(documents.map(\.series))
        d.dropped = documents.reduce(0) { $0 + $1.dropped }
        d.mismatchCount = documents.reduce(0) { $0 + $1.mismatchCount }
        d.mismatches = Array(documents.flatMap(\.mismatches).sorted { ($0.second, $0.user) < ($1.second, $1.user) }.prefix(RunStatistics.detailLimit))
        d.failureCount = documents.reduce(0) { $0 + $1.failureCount }
        d.failures = Array(documents.flatMap(\.failures).sorted { ($0.second, $0.user) < ($1.second, $1.user) }.prefix(RunStatistics.detailLimit))
        d.invariants = sorted.flatMap { r in
            r.document.invariants.map { i in
                var named = i
                named.name = "shard \(r.shard)/\(shards): \(i.name)"
                return named
            }
        }
        let spent = documents.map(\.fees)
        d.fees = LoadReportDocument.Fees(LoadReport.Spent(gas: spent.reduce(0) { $0 + $1.gas.value },
            underlying: spent.reduce(0) { $0 + $1.underlying.value }, reservation: spent.reduce(0) { $0 + $1.reservation.value }))
        d.funds = LoadReportDocument.FundsMoved(given: .init(documents.reduce(Funds()) { $0 + $1.funds.given.funds }),
            returned: .init(documents.reduce(Funds()) { $0 + $1.funds.returned.funds }))
        d.poolTokensToPartners = BaseUnits(documents.reduce(0) { $0 + $1.poolTokensToPartners.value })
        let reported = Set(sorted.map(\.shard))
        d.shards = LoadReportDocument.Shards(count: shards,
            reported: sorted.map { r in
                LoadReportDocument.ReportedShard(index: r.shard, users: r.users, ended: r.document.total.counts.ended,
                    outcome: r.document.outcome.status, host: r.host, logDirectory: r.document.logDirectory)
            },
            missing: (0..<shards).filter { !reported.contains($0) }.map {
                LoadReportDocument.MissingShard(index: $0, reason: missing[$0] ?? "its final report never arrived on \(ShardTopic.reports)")
            })
        d.thresholds = d.settings.thresholds.compactMap { try? Threshold.parse($0) }.map {
            LoadReportDocument.ThresholdEntry($0.evaluate(MergedFigures(document: d)))
        }
        return d
    }

    /// One action's (or, with no name, every action's) figures over the shards.
    static func figures(_ name: String?, _ parts: [LoadReportDocument.ActionFigures], elapsed: Duration) throws -> LoadReportDocument.ActionFigures {
        var counts = ActionCounts()
        var sum = HistogramSum()
        for part in parts {
            counts.add(part.counts.actionCounts)
            try sum.add(part.latency.histogram)
        }
        let histogram = sum.histogram
        let rate = elapsed > .zero ? Double(counts.finished) / elapsed.seconds : 0
        return LoadReportDocument.ActionFigures(ActionSummary(name: name.map { ActionName($0) }, counts: counts, latency: histogram.summary,
            actionsPerSecond: rate), histogram: histogram)
    }

    /// The shards' series bucket by bucket: counts summed, histograms merged.
    static func series(_ all: [[LoadReportDocument.Bucket]]) throws -> [LoadReportDocument.Bucket] {
        var byStart: [Int: [LoadReportDocument.Bucket]] = [:]
        for series in all { for bucket in series { byStart[bucket.start, default: []].append(bucket) } }
        return try byStart.keys.sorted().map { start in try bucket(byStart[start] ?? []) }
    }

    static func bucket(_ parts: [LoadReportDocument.Bucket]) throws -> LoadReportDocument.Bucket {
        guard let first = parts.first else { throw NothingReported(label: "bucket") }
        if parts.count == 1 { return first }
        var counts = ActionCounts()
        var sum = HistogramSum()
        var actions: [String: (counts: ActionCounts, histogram: HistogramSum?)] = [:]
        for part in parts {
            counts.add(part.counts.actionCounts)
            try sum.add(part.latency.histogram)
            for (name, action) in part.actions {
                var entry = actions[name] ?? (ActionCounts(), nil)
                entry.counts.add(action.counts.actionCounts)
                if let encoded = action.latency?.histogram {
                    var h = entry.histogram ?? HistogramSum()
                    try h.add(encoded)
                    entry.histogram = h
                }
                actions[name] = entry
            }
        }
        let all = sum.histogram
        var merged = first
        merged.counts = LoadReportDocument.Counts(counts)
        merged.latency = all.count == 0 ? LoadReportDocument.Latency(summary: LatencySummary(), count: 0, histogram: nil) : LoadReportDocument.Latency(all)
        merged.dropped = parts.reduce(0) { $0 + $1.dropped }
        merged.actions = actions.mapValues { entry in
            LoadReportDocument.Bucket.BucketAction(counts: LoadReportDocument.Counts(entry.counts),
                latency: entry.histogram.map { LoadReportDocument.Latency($0.histogram) })
        }
        return merged
    }
}

/// A merged document's figures, for judging thresholds on them.
struct MergedFigures: ThresholdFigures {
    let document: LoadReportDocument

    private func figures(_ action: ActionName?) -> LoadReportDocument.ActionFigures? {
        guard let action else { return document.total }
        return document.actions.first { $0.name == action.rawValue }
    }

    func counts(_ action: ActionName?) -> ActionCounts { figures(action)?.counts.actionCounts ?? ActionCounts() }

    func latency(_ action: ActionName?) -> LatencyHistogram {
        ((try? figures(action)?.latency.decodedHistogram()) ?? nil) ?? LatencyHistogram()
    }

    func rate(_ action: ActionName?) -> Double {
        document.elapsedSeconds > 0 ? Double(counts(action).finished) / document.elapsedSeconds : 0
    }

    var droppedCount: Int { document.dropped }
    var invariantViolationCount: Int { document.invariants.filter { !$0.holds }.count }
}
