import Histogram

/// Latencies of load actions in microseconds, HDR-bucketed to three significant digits
/// (hdrhistogram-swift), mergeable across users, time buckets and shards.
public struct LatencyHistogram: Sendable {
    var histogram: Histogram<UInt64>

    /// The longest latency kept exactly; longer ones count as this (an hour).
    public static let highestMicroseconds: UInt64 = 3_600_000_000

    public init() {
        histogram = Histogram(highestTrackableValue: Self.highestMicroseconds, numberOfSignificantValueDigits: .three)
    }

    /// Decodes `encoded`'s HdrHistogram form (see `encoded`).
    public init(encoded: String) throws {
        histogram = try HdrEncoding.decode(encoded, highestTrackableValue: Self.highestMicroseconds)
    }

    /// Records one latency.
    public mutating func record(_ latency: Duration) {
        _ = histogram.record(min(Self.microseconds(latency), Self.highestMicroseconds))
    }

    /// A latency in whole microseconds, as `record` counts it (the op log's `us=`).
    public static func microseconds(_ latency: Duration) -> UInt64 {
        UInt64(clamping: latency.components.seconds * 1_000_000 + latency.components.attoseconds / 1_000_000_000_000)
    }

    /// Adds every latency `other` recorded.
    public mutating func merge(_ other: LatencyHistogram) { histogram.add(other.histogram) }

    /// How many latencies were recorded.
    public var count: Int { Int(histogram.totalCount) }

    /// The latency at or below which `percent` % of them lie (0 when none was recorded), as
    /// HdrHistogram reports it: the top of its bucket, so a histogram decoded from a report
    /// (which keeps buckets, not exact values) gives the same figure as the live one.
    public func percentile(_ percent: Double) -> Duration {
        guard count > 0 else { return .zero }
        if percent <= 0 { return .microseconds(histogram.lowestEquivalentForValue(histogram.min)) }
        return .microseconds(histogram.highestEquivalentForValue(histogram.valueAtPercentile(Swift.min(percent, 100))))
    }

    /// The longest latency recorded, to the top of its bucket (0 when none was).
    public var max: Duration { percentile(100) }

    /// p50, p90, p95, p99 and max, in one pass over the recorded values (each `percentile`
    /// call scans the whole counts array; a run closes a bucket of these every second).
    public var summary: LatencySummary {
        let total = histogram.totalCount
        guard total > 0 else { return LatencySummary() }
        let wanted: [Double] = [50, 90, 95, 99]
        // The count each percentile reaches, as HdrHistogram's valueAtPercentile computes it.
        let targets = wanted.map { p in Swift.max(1, UInt64(((p.nextDown * Double(total)) / 100).rounded(.up))) }
        var found = [UInt64](repeating: 0, count: wanted.count)
        var next = 0
        var seen: UInt64 = 0
        var last: UInt64 = 0
        for value in histogram.recordedValues() {
            seen += UInt64(value.count)
            last = value.value
            while next < targets.count, seen >= targets[next] {
                found[next] = value.value
                next += 1
            }
        }
        func top(_ v: UInt64) -> Duration { .microseconds(histogram.highestEquivalentForValue(v)) }
        return LatencySummary(p50: top(found[0]), p90: top(found[1]), p95: top(found[2]), p99: top(found[3]), max: top(last))
    }

    /// HdrHistogram's compressed V2 encoding in base64, lossless: the form reports store and
    /// HdrHistogram's tools (for example `HistogramLogReader`) decode.
    public func encoded() -> String { HdrEncoding.encode(histogram) }
}

/// Latency percentiles of one action or of a whole run.
public struct LatencySummary: Sendable, Equatable {
    public var p50: Duration
    public var p90: Duration
    public var p95: Duration
    public var p99: Duration
    public var max: Duration

    public init(p50: Duration = .zero, p90: Duration = .zero, p95: Duration = .zero, p99: Duration = .zero, max: Duration = .zero) {
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }
}

extension Duration {
    /// Milliseconds as a `Double`, for display and thresholds.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
