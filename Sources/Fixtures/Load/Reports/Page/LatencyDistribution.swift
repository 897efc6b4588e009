import Foundation

/// The whole run's latency distribution, from its HDR histogram: the percentile curve
/// (HdrHistogram's percentile-distribution plot, percentiles spread on a log scale of
/// 1/(1-p)) and counts in log-spaced latency bins.
struct LatencyDistribution {
    let histogram: LatencyHistogram

    /// `x` is log10(1/(1-p)): 0 at p0, 1 at p90, 2 at p99, 3 at p99.9; `ms` is the latency.
    /// The curve stops at the percentile the count still resolves, then goes to the max.
    /// One walk over the recorded values gives every point, each as `percentile(_:)` reads it.
    var percentileCurve: [(x: Double, ms: Double)] {
        let values = Array(histogram.histogram.recordedValues())
        let total = values.reduce(0) { $0 + UInt64($1.count) }
        guard total > 0 else { return [] }
        let top = curveTop
        let steps = 200
        var points: [(x: Double, ms: Double)] = []
        var index = 0
        var cumulative = UInt64(values[0].count)
        for i in 0...steps {
            let x = top * Double(i) / Double(steps)
            let p = 100 * (1 - pow(10, -x))
            let target = max(1, UInt64((max(p.nextDown, 0) * Double(total) / 100).rounded(.up)))
            while cumulative < target, index + 1 < values.count {
                index += 1
                cumulative += UInt64(values[index].count)
            }
            points.append((x, Double(values[index].value) / 1000))
        }
        points.append((top, histogram.max.milliseconds))
        return points
    }

    /// The highest x `percentileCurve` reaches.
    var curveTop: Double { min(max(log10(Double(max(histogram.count, 1))), 1), 5) }

    /// Counts in up to `bins` latency bins of equal width on a log scale, from the lowest to
    /// the highest latency recorded (edges in milliseconds); empty bins are left out.
    func bins(_ bins: Int = 40) -> [(low: Double, high: Double, count: Int)] {
        let values = histogram.histogram.recordedValues().map { (ms: Double($0.value) / 1000, count: Int($0.count)) }
        guard let lowest = values.map(\.ms).min(), let highest = values.map(\.ms).max() else { return [] }
        let low = max(lowest, 0.001)
        let high = max(highest, low * 1.01)
        let step = (log10(high) - log10(low)) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for v in values {
            let i = Int((log10(max(v.ms, low)) - log10(low)) / step)
            counts[min(max(i, 0), bins - 1)] += v.count
        }
        return counts.enumerated().compactMap { i, c in
            c == 0 ? nil : (pow(10, log10(low) + Double(i) * step), pow(10, log10(low) + Double(i + 1) * step), c)
        }
    }
}
