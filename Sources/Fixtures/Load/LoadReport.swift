import Foundation
import Networks

/// What one load case did: per action counts, success and latency percentiles, throughput,
/// the time series, mismatches, invariant violations, fees spent and funds given and
/// returned. `text` is the summary printed at the end of the case.
public struct LoadReport: Sendable {
    /// The run this case belongs to (`LOAD_RUN_ID`, else one per process): cases of one run
    /// share it, and their reports sit side by side under `reports/<run id>/`.
    public let runID: String
    /// The case's label (the mix's name, or the test's).
    public let label: String
    /// When the users started acting.
    public let startedAt: Date
    /// How the case ended: completed, interrupted (Ctrl-C) or aborted by a threshold.
    public let outcome: RunOutcome
    /// The settings the case ran with.
    public let settings: LoadRunSettings
    public let seed: UInt64
    public let users: Int
    /// The duration asked for, and the time the users actually acted.
    public let plannedDuration: Duration
    public let elapsed: Duration
    /// The actions the users chose from.
    public let actions: [ActionName]
    public let counts: [ActionName: ActionCounts]
    public let latencies: [ActionName: LatencyHistogram]
    /// The time series: one bucket per second (per ten seconds after the first hour).
    public let series: [StatisticsBucket]
    /// Arrival-rate iterations that found no idle user.
    public let dropped: Int
    /// How many of the users ended at least one action.
    public var usersActed: Int = 0
    /// Mismatches in detail (the first `RunStatistics.detailLimit`) and how many there were.
    public let mismatches: [MismatchRecord]
    public let mismatchCount: Int
    public let failures: [FailureRecord]
    public let failureCount: Int
    /// Every invariant checked at the end of the case.
    public let invariants: [InvariantResult]
    /// Every threshold with its observed value and verdict (built-in ones and `LOAD_THRESHOLDS`).
    public var thresholds: [ThresholdResult] = []
    /// NAT gas fees, UND fees and NAT reservation fees the users paid.
    public let spent: Spent
    /// What the funder gave and got back (after collection).
    public let given: Funds
    public let returned: Funds
    /// Pool tokens Scenario2 moved to partners.
    public let poolTokensToPartners: Int128
    /// Where the op log, the user logs and the summary of the case are.
    public let logDirectory: URL
    /// Where `report.json` and `report.html` were written (`$LEDGERQA_HOME/reports/<run id>/<case>/`), if they were.
    public var reportDirectory: URL?
    /// The case's `replay.json` (every action with its draws), when it was written.
    public var replayFile: URL?
    /// Actions left out of `replay.json` because `LOAD_REPLAY_LIMIT` were recorded before them.
    public var replayOmitted = 0
    /// What shrinking found when the case failed and could be shrunk.
    public var shrink: ShrinkSummary?
    /// Failures kept from earlier runs, replayed before the flows.
    public var keptFailures: [KeptFailureResult] = []
    /// Lost answers the run's clients survived while this case ran (cases running at the same
    /// time share one client, so they share these counts):
    /// every write whose answer was lost was looked up before anything was sent again.
    public var network = ResilienceStats()

    /// Fees the users paid while acting.
    public struct Spent: Sendable, Equatable {
        public var gas: Int128 = 0
        public var underlying: Int128 = 0
        public var reservation: Int128 = 0

        public init(gas: Int128 = 0, underlying: Int128 = 0, reservation: Int128 = 0) {
            self.gas = gas
            self.underlying = underlying
            self.reservation = reservation
        }
    }

    /// One action's figures, or the run's (`name` nil).
    public func summary(_ name: ActionName) -> ActionSummary {
        ActionSummary(name: name, counts: counts[name] ?? ActionCounts(), latency: latencies[name]?.summary ?? LatencySummary(),
            actionsPerSecond: rate(counts[name]?.finished ?? 0))
    }

    /// Every action together.
    public var total: ActionSummary {
        var all = LatencyHistogram()
        for h in latencies.values { all.merge(h) }
        let c = counts.values.reduce(into: ActionCounts()) { $0.add($1) }
        return ActionSummary(name: nil, counts: c, latency: all.summary, actionsPerSecond: rate(c.finished))
    }

    /// Share of ended actions that succeeded, from 0 to 1.
    public var successRate: Double { total.counts.successRate }

    /// The invariants that did not hold.
    public var invariantViolations: [InvariantResult] { invariants.filter { !$0.holds } }

    /// Whether every threshold passed.
    public var thresholdsPassed: Bool { thresholds.allSatisfy(\.passed) }

    func rate(_ n: Int) -> Double { elapsed > .zero ? Double(n) / elapsed.seconds : 0 }
}

extension LoadReport {
    /// The report of a run's case: its statistics, and what its accounts spent, were given and returned.
    init(run: LoadRun, label: String, settings: LoadRunSettings, statistics: RunStatistics, startedAt: Date, elapsed: Duration,
        outcome: RunOutcome, invariants: [InvariantResult], returned: Funds)
    {
        let accounts = run.accounts
        self.init(label: label, settings: settings, statistics: statistics, startedAt: startedAt, elapsed: elapsed, outcome: outcome,
            invariants: invariants,
            spent: Spent(gas: accounts.reduce(0) { $0 + $1.totals.gasFees }, underlying: accounts.reduce(0) { $0 + $1.totals.underlyingFees },
                reservation: accounts.reduce(0) { $0 + $1.totals.reservationFees }),
            given: accounts.reduce(Funds()) { $0 + $1.givenThisRun }, returned: returned,
            poolTokensToPartners: run.users.reduce(0) { $0 + $1.totals.poolTokensSent }, logDirectory: run.logDirectory)
    }
}

/// The figures of one action (or, with `name` nil, of all of them) over a run.
public struct ActionSummary: Sendable, Equatable {
    public let name: ActionName?
    public let counts: ActionCounts
    public let latency: LatencySummary
    /// Actions ended per second of the run.
    public let actionsPerSecond: Double
}

extension LoadReport {
    /// The summary a person reads: a table per action, totals, fees and funds in whole units,
    /// then mismatches, invariant violations and failures.
    public var text: String {
        var lines = ["Load case \(label)\(outcome == .completed ? "" : " \(outcome.description.uppercased())"): \(users) users for \(elapsed.seconds.rounded(to: 1)) s of \(plannedDuration.seconds.rounded(to: 1)) s, "
            + "seed \(seed) (LOAD_SEED=\(seed) replays every user's choices)"]
        let header = ["action", "ended", "success", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "mismatch"]
        var rows: [[String]] = []
        for name in actions.sorted() {
            let s = summary(name)
            rows.append(row(name.rawValue, s))
        }
        rows.append(row("total", total))
        lines += Table.render(header: header, rows: rows)
        lines.append("throughput: \(total.actionsPerSecond.rounded(to: 1)) actions/s, success rate \((successRate * 100).rounded(to: 2)) %"
            + (dropped > 0 ? ", \(dropped) dropped iterations" : ""))
        lines.append("fees: gas \(Asset.nat.format(spent.gas)), underlying \(Asset.und.format(spent.underlying)), reservation \(Asset.nat.format(spent.reservation))")
        lines.append("funds: given \(given.readable), returned \(returned.readable)")
        if poolTokensToPartners != 0 { lines.append("pool tokens moved to partners: \(poolTokensToPartners)") }
        if network.faultsSeen > 0 { lines.append("network: \(network)") }
        lines.append("state mismatches: \(mismatchCount), invariant violations: \(invariantViolations.count), failures: \(failureCount)")
        lines += mismatches.prefix(50).map { "  MISMATCH \($0.user) \($0.action) at \($0.second) s: \($0.mismatch)" }
        lines += invariantViolations.map { "  INVARIANT \($0)" }
        if !thresholds.isEmpty { lines.append("thresholds: " + thresholds.summary) }
        lines += failures.prefix(20).map { "  FAILURE \($0.user) \($0.action?.rawValue ?? "-") at \($0.second) s: \($0.error)" }
        lines += keptFailures.map(\.line)
        if let shrink { lines.append(shrink.line) }
        if let reportDirectory { lines.append("report: \(reportDirectory.appendingPathComponent("report.html").path)") }
        if let replayFile {
            let omitted = replayOmitted == 0 ? ""
                : " (the first \(total.counts.finished - replayOmitted) actions; the last \(replayOmitted) are past LOAD_REPLAY_LIMIT)"
            lines.append("replay: LOAD_REPLAY=\(replayFile.path)" + omitted)
        }
        lines.append("logs: \(logDirectory.path)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func row(_ name: String, _ s: ActionSummary) -> [String] {
        let none = s.counts.finished == 0
        func ms(_ d: Duration) -> String { none ? "-" : String(d.milliseconds.rounded(to: 1)) }
        return [name, String(s.counts.finished), none ? "-" : "\((s.counts.successRate * 100).rounded(to: 1)) %",
            ms(s.latency.p50), ms(s.latency.p90), ms(s.latency.p95), ms(s.latency.p99), String(s.counts.withMismatches)]
    }
}

extension LoadReport: ThresholdFigures {
    public func counts(_ action: ActionName?) -> ActionCounts {
        action.map { counts[$0] ?? ActionCounts() } ?? total.counts
    }

    public func latency(_ action: ActionName?) -> LatencyHistogram {
        if let action { return latencies[action] ?? LatencyHistogram() }
        return latencies.values.reduce(into: LatencyHistogram()) { $0.merge($1) }
    }

    public func rate(_ action: ActionName?) -> Double { self.rate(counts(action).finished) }

    public var droppedCount: Int { dropped }
    public var invariantViolationCount: Int { invariantViolations.count }
}

extension Funds {
    /// `1,000 NAT, 500 UND, 0 FUND`.
    public var readable: String { "\(Asset.nat.format(nat)), \(Asset.und.format(und)), \(Asset.fund.format(fund))" }
}

/// A plain-text table: the first column left-aligned, the others right-aligned.
enum Table {
    static func render(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                let fill = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + fill : fill + cell
            }.joined(separator: "  ")
        }
    }
}
