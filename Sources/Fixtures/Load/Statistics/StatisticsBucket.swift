/// One span of a run's time series: what started and ended in it, per action, with the
/// latency histogram of what ended (open while the span is current, encoded once closed).
public struct StatisticsBucket: Sendable {
    /// Seconds from the run's start to the span's start.
    public let start: Int
    /// The span's length in seconds (see `RunStatistics.bucketWidth(at:)`).
    public let width: Int
    public internal(set) var actions: [ActionName: ActionCounts] = [:]
    /// Arrival-rate iterations that found no idle user (k6's `dropped_iterations`).
    public internal(set) var dropped = 0
    /// Latencies of the actions that ended in the span, per action, while it is current.
    var open: [ActionName: LatencyHistogram] = [:]
    /// Once closed: per action, and for all actions under `nil`, the percentiles and the
    /// HdrHistogram encoding of its latencies.
    public internal(set) var latency: [ActionName: BucketLatency] = [:]
    public internal(set) var allLatency = BucketLatency(summary: LatencySummary(), count: 0, encoded: nil)

    init(start: Int, width: Int) {
        self.start = start
        self.width = width
    }

    /// Counts summed over every action.
    public var total: ActionCounts { actions.values.reduce(into: ActionCounts()) { $0.add($1) } }

    /// Folds the open histograms into summaries and encodings, freeing them.
    mutating func close() {
        var all = LatencyHistogram()
        for (name, histogram) in open {
            latency[name] = BucketLatency(summary: histogram.summary, count: histogram.count, encoded: histogram.encoded())
            all.merge(histogram)
        }
        allLatency = BucketLatency(summary: all.summary, count: all.count, encoded: all.count == 0 ? nil : all.encoded())
        open = [:]
    }
}

/// The latencies of a closed bucket: percentiles for charts, the encoding for merging.
public struct BucketLatency: Sendable {
    public let summary: LatencySummary
    public let count: Int
    /// HdrHistogram's compressed encoding (base64); nil when nothing ended in the span.
    public let encoded: String?
}
