extension LoadReportDocument {
    /// One action's figures over the whole run (or every action's, in `total`, with no name).
    public struct ActionFigures: Sendable, Equatable, Codable {
        public var name: String?
        public var counts: Counts
        /// Share of ended actions that succeeded, from 0 to 1 (1 when none ended).
        public var successRate: Double
        /// Actions ended per second of the run.
        public var actionsPerSecond: Double
        public var latency: Latency

        enum CodingKeys: String, CodingKey {
            case name, counts, latency
            case successRate = "success_rate", actionsPerSecond = "actions_per_second"
        }
    }

    /// How often actions started and ended; `ended` is `succeeded + failed`.
    public struct Counts: Sendable, Equatable, Codable {
        public var started: Int
        public var succeeded: Int
        public var failed: Int
        /// Actions that ended with at least one state mismatch (also counted as succeeded or failed).
        public var withMismatches: Int

        public var ended: Int { succeeded + failed }

        public init(_ counts: ActionCounts) {
            started = counts.started
            succeeded = counts.succeeded
            failed = counts.failed
            withMismatches = counts.withMismatches
        }

        /// The counts as `ActionCounts`.
        public var actionCounts: ActionCounts {
            ActionCounts(started: started, succeeded: succeeded, failed: failed, withMismatches: withMismatches)
        }

        enum CodingKeys: String, CodingKey {
            case started, succeeded, failed, ended
            case withMismatches = "with_mismatches"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            started = try c.decode(Int.self, forKey: .started)
            succeeded = try c.decode(Int.self, forKey: .succeeded)
            failed = try c.decode(Int.self, forKey: .failed)
            withMismatches = try c.decode(Int.self, forKey: .withMismatches)
            let ended = try c.decode(Int.self, forKey: .ended)
            guard ended == succeeded + failed else {
                throw DecodingError.dataCorruptedError(forKey: .ended, in: c,
                    debugDescription: "ended \(ended) is not succeeded \(succeeded) + failed \(failed)")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(started, forKey: .started)
            try c.encode(succeeded, forKey: .succeeded)
            try c.encode(failed, forKey: .failed)
            try c.encode(ended, forKey: .ended)
            try c.encode(withMismatches, forKey: .withMismatches)
        }
    }

    /// Latencies of the actions that ended: percentiles in milliseconds (to the microsecond,
    /// each the top of its HDR bucket) and HdrHistogram's compressed V2 encoding in base64,
    /// nil when none ended.
    public struct Latency: Sendable, Equatable, Codable {
        public var count: Int
        public var p50Ms: Double
        public var p90Ms: Double
        public var p95Ms: Double
        public var p99Ms: Double
        public var maxMs: Double
        public var histogram: String?

        enum CodingKeys: String, CodingKey {
            case count, histogram
            case p50Ms = "p50_ms", p90Ms = "p90_ms", p95Ms = "p95_ms", p99Ms = "p99_ms", maxMs = "max_ms"
        }

        public init(summary: LatencySummary, count: Int, histogram: String?) {
            self.count = count
            p50Ms = summary.p50.milliseconds
            p90Ms = summary.p90.milliseconds
            p95Ms = summary.p95.milliseconds
            p99Ms = summary.p99.milliseconds
            maxMs = summary.max.milliseconds
            self.histogram = histogram
        }

        public init(_ histogram: LatencyHistogram) {
            self.init(summary: histogram.summary, count: histogram.count, histogram: histogram.count == 0 ? nil : histogram.encoded())
        }

        /// The percentiles as `Duration`s.
        public var summary: LatencySummary {
            func d(_ ms: Double) -> Duration { .microseconds(Int64((ms * 1000).rounded())) }
            return LatencySummary(p50: d(p50Ms), p90: d(p90Ms), p95: d(p95Ms), p99: d(p99Ms), max: d(maxMs))
        }

        /// The histogram decoded (lossless: every recorded value's bucket and count), nil when
        /// none was recorded.
        public func decodedHistogram() throws -> LatencyHistogram? {
            try histogram.map { try LatencyHistogram(encoded: $0) }
        }
    }
}
