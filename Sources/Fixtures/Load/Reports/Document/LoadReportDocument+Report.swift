import Foundation

extension LoadReportDocument {
    /// The document of `report`: everything it holds, histograms encoded.
    public init(_ report: LoadReport) {
        schema = Self.schemaVersion
        runID = report.runID
        label = report.label
        startedAt = Self.timestamp(report.startedAt)
        elapsedSeconds = report.elapsed.seconds.rounded(to: 3)
        outcome = Outcome(report.outcome)
        let s = report.settings
        settings = Settings(seed: String(s.seed), users: s.users, durationSeconds: s.duration.seconds.rounded(to: 3), mix: s.mix,
            actions: s.actions.map(\.rawValue), target: s.target, executor: s.executor, thresholds: s.thresholds)
        replay = Replay(seed: report.seed)
        actions = report.actions.sorted().map { name in
            ActionFigures(report.summary(name), histogram: report.latencies[name] ?? LatencyHistogram())
        }
        total = ActionFigures(report.total, histogram: report.latency(nil))
        series = report.series.map(Bucket.init)
        dropped = report.dropped
        mismatchCount = report.mismatchCount
        mismatches = report.mismatches.map(MismatchEntry.init)
        failureCount = report.failureCount
        failures = report.failures.map(FailureEntry.init)
        invariants = report.invariants.map(InvariantEntry.init)
        thresholds = report.thresholds.map(ThresholdEntry.init)
        fees = Fees(report.spent)
        funds = FundsMoved(given: Amounts(report.given), returned: Amounts(report.returned))
        poolTokensToPartners = BaseUnits(report.poolTokensToPartners)
        logDirectory = report.logDirectory.path
    }

    /// `2026-11-30T20:45:12.345Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

extension LoadReportDocument.ActionFigures {
    init(_ summary: ActionSummary, histogram: LatencyHistogram) {
        name = summary.name?.rawValue
        counts = LoadReportDocument.Counts(summary.counts)
        successRate = summary.counts.successRate.rounded(to: 6)
        actionsPerSecond = summary.actionsPerSecond.rounded(to: 3)
        latency = LoadReportDocument.Latency(histogram)
    }
}
