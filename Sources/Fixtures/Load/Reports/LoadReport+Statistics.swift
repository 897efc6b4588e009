import Foundation

extension LoadReport {
    /// A report of statistics recorded elsewhere, with no network behind it: what the
    /// benchmark simulates a long run with, and what tests build reports from.
    public init(label: String, settings: LoadRunSettings, statistics: RunStatistics, startedAt: Date, elapsed: Duration,
        outcome: RunOutcome = .completed, invariants: [InvariantResult] = [], spent: Spent = Spent(), given: Funds = Funds(),
        returned: Funds = Funds(), poolTokensToPartners: Int128 = 0, logDirectory: URL)
    {
        let snapshot = statistics.snapshot()
        runID = settings.runID
        self.label = label
        self.startedAt = startedAt
        self.outcome = outcome
        self.settings = settings
        seed = settings.seed
        users = settings.users
        plannedDuration = settings.duration
        self.elapsed = elapsed
        actions = settings.actions
        counts = snapshot.counts
        latencies = snapshot.latencies
        series = snapshot.series
        dropped = snapshot.dropped
        mismatches = snapshot.mismatches
        mismatchCount = snapshot.mismatchCount
        failures = snapshot.failures
        failureCount = snapshot.failureCount
        self.invariants = invariants
        self.spent = spent
        self.given = given
        self.returned = returned
        self.poolTokensToPartners = poolTokensToPartners
        self.logDirectory = logDirectory
    }
}
