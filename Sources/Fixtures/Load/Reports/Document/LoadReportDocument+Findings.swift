import Networks

extension LoadReportDocument {
    /// A state mismatch: who saw it, in which action, when (seconds into the run), and the
    /// field with its expected and actual values as the check wrote them (base units, or
    /// bounds and sums of base units), with the asset they are amounts of.
    public struct MismatchEntry: Sendable, Equatable, Codable {
        public var user: String
        public var action: String
        public var second: Int
        public var field: String
        public var expected: String
        public var actual: String
        public var asset: Asset?

        public init(_ record: MismatchRecord) {
            user = record.user
            action = record.action.rawValue
            second = record.second
            field = record.mismatch.field
            expected = record.mismatch.expected
            actual = record.mismatch.actual
            asset = record.mismatch.asset
        }

        /// The mismatch as the load engine recorded it.
        public var mismatch: Mismatch { Mismatch(field: field, expected: expected, actual: actual, asset: asset) }
    }

    /// A failed action (or, with no action, a problem outside any action) and its error.
    public struct FailureEntry: Sendable, Equatable, Codable {
        public var user: String
        public var action: String?
        public var second: Int
        public var error: String

        public init(_ record: FailureRecord) {
            user = record.user
            action = record.action?.rawValue
            second = record.second
            error = record.error
        }
    }

    /// An invariant checked at the end of the case.
    public struct InvariantEntry: Sendable, Equatable, Codable {
        public var name: String
        public var holds: Bool
        public var detail: String

        public init(_ result: InvariantResult) {
            name = result.name
            holds = result.holds
            detail = result.detail
        }
    }

    /// A threshold with its observed value (in `unit`) and its verdict.
    public struct ThresholdEntry: Sendable, Equatable, Codable {
        public var expression: String
        /// `percent`, `ms`, `actions/s` or `count`.
        public var unit: String
        public var observed: Double
        /// The observed value as a person reads it: `99.5 %`, `812.4 ms`.
        public var observedText: String
        /// `passed` or `failed`.
        public var verdict: String
        public var abortOnFail: Bool

        enum CodingKeys: String, CodingKey {
            case expression, unit, observed, verdict
            case observedText = "observed_text", abortOnFail = "abort_on_fail"
        }

        public init(_ result: ThresholdResult) {
            expression = result.threshold.expression
            unit = result.threshold.metric.unit
            observed = result.observed
            observedText = result.threshold.metric.format(result.observed)
            verdict = result.passed ? "passed" : "failed"
            abortOnFail = result.threshold.abortOnFail
        }

        public var passed: Bool { verdict == "passed" }
    }
}

extension Threshold.Metric {
    /// The unit of observed values and limits, as report.json names it.
    var unit: String {
        switch self {
        case .successRate: "percent"
        case .latency: "ms"
        case .rate: "actions/s"
        case .mismatches, .failures, .dropped, .invariants: "count"
        }
    }
}
