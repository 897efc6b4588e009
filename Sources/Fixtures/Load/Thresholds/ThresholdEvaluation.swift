/// The figures thresholds are judged on: a finished case's report, or a running case's
/// statistics so far (abort-on-fail thresholds).
public protocol ThresholdFigures {
    /// Counts of one action, or of all (`nil`).
    func counts(_ action: ActionName?) -> ActionCounts
    /// Latencies of one action, or of all (`nil`).
    func latency(_ action: ActionName?) -> LatencyHistogram
    /// Actions of one kind (or all) ended per second so far.
    func rate(_ action: ActionName?) -> Double
    /// Arrival-rate iterations dropped.
    var droppedCount: Int { get }
    /// Invariants that did not hold (0 while the run goes: they are checked at its end).
    var invariantViolationCount: Int { get }
}

/// A threshold with the value observed and its verdict.
public struct ThresholdResult: Sendable, Hashable, CustomStringConvertible {
    public let threshold: Threshold
    /// In the metric's unit: percent, milliseconds, actions per second or a count.
    public let observed: Double
    public let passed: Bool

    /// `p99<2s: observed 1.2 s, passed`.
    public var description: String {
        "\(threshold.expression): observed \(threshold.metric.format(observed)), \(passed ? "passed" : "FAILED")"
    }
}

extension Threshold {
    /// This threshold judged on `figures`.
    public func evaluate(_ figures: some ThresholdFigures) -> ThresholdResult {
        let observed: Double = switch metric {
        case .successRate: figures.counts(action).successRate * 100
        case .latency(let p): figures.latency(action).percentile(p).milliseconds
        case .rate: figures.rate(action)
        case .mismatches: Double(figures.counts(action).withMismatches)
        case .failures: Double(figures.counts(action).failed)
        case .dropped: Double(figures.droppedCount)
        case .invariants: Double(figures.invariantViolationCount)
        }
        return ThresholdResult(threshold: self, observed: observed, passed: comparison.holds(observed, limit))
    }
}

extension Array where Element == ThresholdResult {
    /// One message listing every threshold, its observed value and its verdict.
    public var summary: String {
        let failed = filter { !$0.passed }.count
        return (failed == 0 ? "all \(count) thresholds passed" : "\(failed) of \(count) thresholds failed") + ":\n"
            + map { "  \($0.passed ? "✓" : "✗") \($0)" }.joined(separator: "\n")
    }
}
