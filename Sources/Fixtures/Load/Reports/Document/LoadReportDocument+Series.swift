extension LoadReportDocument {
    /// One span of the time series: counts per action and in total, the latencies of what
    /// ended in it (per action and in total, each with its histogram) and dropped iterations.
    public struct Bucket: Sendable, Equatable, Codable {
        /// Seconds from the run's start to the span's start, and the span's length.
        public var start: Int
        public var width: Int
        public var counts: Counts
        public var latency: Latency
        public var dropped: Int
        /// Only the actions that started or ended in the span, by name.
        public var actions: [String: BucketAction]

        /// One action's part of a bucket; `latency` is nil when none of it ended in the span.
        public struct BucketAction: Sendable, Equatable, Codable {
            public var counts: Counts
            public var latency: Latency?
        }

        public init(_ bucket: StatisticsBucket) {
            start = bucket.start
            width = bucket.width
            counts = Counts(bucket.total)
            latency = Latency(summary: bucket.allLatency.summary, count: bucket.allLatency.count, histogram: bucket.allLatency.encoded)
            dropped = bucket.dropped
            var actions: [String: BucketAction] = [:]
            for (name, counts) in bucket.actions {
                let latency = bucket.latency[name].map { Latency(summary: $0.summary, count: $0.count, histogram: $0.encoded) }
                actions[name.rawValue] = BucketAction(counts: Counts(counts), latency: latency)
            }
            self.actions = actions
        }

        /// Actions ended per second of the span.
        public var endedPerSecond: Double { Double(counts.ended) / Double(max(width, 1)) }
        /// Actions started per second of the span.
        public var startedPerSecond: Double { Double(counts.started) / Double(max(width, 1)) }
    }
}
