/// A pass/fail criterion of a load case, k6's model: `p99<2s`, `success>=99.5%`,
/// `MintRandomAgentRandomAmount.p95<800ms`, `actions/s>=20`, `mismatches==0`; with a
/// trailing `!` it aborts the run as soon as it fails (after `abortDelay`).
///
/// Grammar (README "Thresholds"): `[Action.]metric op value[unit][!]`, where metric is
/// `success` (%), `p50`…`p99.99` or `p(NN)` or `max` (a latency: `ms`, `s`, `m`, plain
/// numbers are ms), `actions/s`, `mismatches`, `failures`, `dropped` or `invariants` (counts),
/// and op is one of `<`, `<=`, `>`, `>=`, `==`, `!=`.
public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    /// What a threshold measures.
    public enum Metric: Sendable, Hashable {
        /// Share of ended actions that succeeded, in percent.
        case successRate
        /// A latency percentile (0 to 100); `max` is 100.
        case latency(percentile: Double)
        /// Actions ended per second of the run.
        case rate
        /// Actions with at least one state mismatch.
        case mismatches
        /// Actions that failed.
        case failures
        /// Arrival-rate iterations that found no idle user.
        case dropped
        /// Invariants that did not hold at the end of the case.
        case invariants
    }

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!=", less = "<", greater = ">"

        func holds(_ observed: Double, _ limit: Double) -> Bool {
            switch self {
            case .less: observed < limit
            case .lessOrEqual: observed <= limit
            case .greater: observed > limit
            case .greaterOrEqual: observed >= limit
            case .equal: observed == limit
            case .notEqual: observed != limit
            }
        }
    }

    /// The action it is about; nil for the whole case.
    public let action: ActionName?
    public let metric: Metric
    public let comparison: Comparison
    /// The limit in the metric's unit: percent, milliseconds, actions per second or a count.
    public let limit: Double
    /// Whether failing it ends the run early.
    public let abortOnFail: Bool
    /// The expression as written.
    public let expression: String

    public var description: String { expression }

    /// The built-in thresholds, the Load suite's criteria: `success>=99%`, `mismatches==0`,
    /// `invariants==0`. `LOAD_THRESHOLDS` adds to them; one on the same metric and action
    /// replaces the built-in one.
    public static let defaults: [Threshold] = ["success>=99%", "mismatches==0", "invariants==0"].compactMap { try? parse($0) }

    /// The defaults with `custom` added, a custom threshold replacing the default on the same
    /// metric and action.
    public static func merged(_ custom: [Threshold]) -> [Threshold] {
        defaults.filter { d in !custom.contains { $0.action == d.action && $0.metric.kind == d.metric.kind } } + custom
    }
}

extension Threshold.Metric {
    /// The metric without its parameter, for "same metric" comparisons.
    var kind: String {
        switch self {
        case .successRate: "success"
        case .latency(let p): "p\(p)"
        case .rate: "rate"
        case .mismatches: "mismatches"
        case .failures: "failures"
        case .dropped: "dropped"
        case .invariants: "invariants"
        }
    }

    /// How a value of this metric reads: `99.5 %`, `812.4 ms`, `20.1 actions/s`, `3`.
    func format(_ value: Double) -> String {
        switch self {
        case .successRate: "\(value.rounded(to: 2)) %"
        case .latency: value >= 10_000 ? "\((value / 1000).rounded(to: 2)) s" : "\(value.rounded(to: 1)) ms"
        case .rate: "\(value.rounded(to: 1)) actions/s"
        case .mismatches, .failures, .dropped, .invariants: String(Int(value))
        }
    }
}
