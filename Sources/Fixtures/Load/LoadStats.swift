import Histogram
import Networks

/// Outcomes of one action across a run: counts, mismatches and latency (HDR histogram, µs).
public struct ActionStats: Sendable {
    public var executed = 0
    public var succeeded = 0
    public var failed = 0
    public var withMismatches = 0
    public var latency = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)

    public init() {}

    /// Share of executed actions that succeeded, from 0 to 1 (1 when none ran).
    public var successRate: Double { executed == 0 ? 1 : Double(succeeded) / Double(executed) }

    mutating func merge(_ other: ActionStats) {
        executed += other.executed
        succeeded += other.succeeded
        failed += other.failed
        withMismatches += other.withMismatches
        latency.add(other.latency)
    }
}

/// Everything a load run counted: per action, mismatches and failures in detail, fees, funds.
public struct LoadStats: Sendable {
    public var actions: [ActionName: ActionStats] = [:]
    /// Every mismatch, prefixed with the user and action.
    public var mismatches: [String] = []
    /// A sample of failures (first 50), with their errors.
    public var failures: [String] = []
    /// Gas fees (wei), underlying fees (drops), reservation fees (wei) spent by users.
    public var gasFees: Int128 = 0
    public var underlyingFees: Int128 = 0
    public var reservationFees: Int128 = 0
    /// Pool tokens Scenario2 moved to partners.
    public var tokensToPartners: Int128 = 0
    /// Total RPC requests the users' transport carried (when counted).
    public var elapsedSeconds: Double = 0

    public init() {}

    public var executed: Int { actions.values.reduce(0) { $0 + $1.executed } }
    public var succeeded: Int { actions.values.reduce(0) { $0 + $1.succeeded } }
    public var successRate: Double { executed == 0 ? 1 : Double(succeeded) / Double(executed) }

    mutating func merge(_ other: LoadStats) {
        for (name, stats) in other.actions { actions[name, default: ActionStats()].merge(stats) }
        mismatches += other.mismatches
        failures += other.failures.prefix(max(0, 50 - failures.count))
        gasFees += other.gasFees
        underlyingFees += other.underlyingFees
        reservationFees += other.reservationFees
        tokensToPartners += other.tokensToPartners
    }
}
