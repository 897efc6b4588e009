/// The time series folded into at most `limit` columns for the charts: a run of up to
/// `limit` buckets keeps one column per bucket; a longer one sums consecutive buckets, and
/// a column's latency percentile is the highest of its buckets' (never hiding a spike).
struct TimeColumn {
    var start: Double
    var width: Double
    var counts = ActionCounts()
    var dropped = 0
    var latencyCount = 0
    var p50: Double?
    var p95: Double?
    var p99: Double?

    /// The column's middle, where its points are drawn.
    var middle: Double { start + width / 2 }
    func perSecond(_ n: Int) -> Double { Double(n) / max(width, 1) }

    static let limit = 600

    /// Columns of `series`, which is first padded with empty buckets up to `until` seconds.
    static func columns(_ series: [LoadReportDocument.Bucket], until: Double = 0, limit: Int = Self.limit) -> [TimeColumn] {
        guard var end = series.last.map({ $0.start + $0.width }) else { return [] }
        var series = series
        while Double(end) < until.rounded(.up) {
            let width = RunStatistics.bucketWidth(at: end)
            series.append(LoadReportDocument.Bucket(StatisticsBucket(start: end, width: width)))
            end += width
        }
        let group = (series.count + limit - 1) / limit
        return stride(from: 0, to: series.count, by: group).map { i in
            let buckets = series[i..<min(i + group, series.count)]
            var column = TimeColumn(start: Double(buckets.first?.start ?? 0), width: 0)
            for b in buckets {
                column.width += Double(b.width)
                column.counts.add(b.counts.actionCounts)
                column.dropped += b.dropped
                guard b.latency.count > 0 else { continue }
                column.latencyCount += b.latency.count
                column.p50 = max(column.p50 ?? 0, b.latency.p50Ms)
                column.p95 = max(column.p95 ?? 0, b.latency.p95Ms)
                column.p99 = max(column.p99 ?? 0, b.latency.p99Ms)
            }
            return column
        }
    }
}
