import Foundation

extension ReportPage {
    /// Line colours: blue, orange, red, green, purple.
    enum Color {
        static let blue = "#2563eb", orange = "#e8590c", red = "#cf222e", green = "#1a7f37", purple = "#8250df", gray = "#6e7781"
    }

    /// The series in chart columns, up to the end of the time the users acted (the series
    /// stops at the last second anything happened in).
    var columns: [TimeColumn] { TimeColumn.columns(document.series, until: document.elapsedSeconds) }

    /// The x axis of the time charts: seconds from the run's start.
    func timeAxis(_ columns: [TimeColumn]) -> SVGChart.Axis {
        let end = max(columns.last.map { $0.start + $0.width } ?? 1, 1)
        return SVGChart.Axis(domain: 0...end, ticks: ChartScale.timeTicks(upTo: end).map { ($0, ChartScale.time($0)) },
            title: "time since the start of the run")
    }

    func valueAxis(_ values: [Double], title: String) -> SVGChart.Axis {
        let ticks = ChartScale.ticks(upTo: values.max() ?? 0)
        return SVGChart.Axis(domain: 0...(ticks.last ?? 1), ticks: ticks.map { ($0, ChartScale.label($0)) }, title: title)
    }

    /// A chart with its legend, or "no data" and why.
    func chartBox(_ chart: SVGChart?, legend: [(String, String)], noData: String) -> String {
        guard let chart else { return "<div class=\"chart-box\"><p class=\"no-data\">no data: \(HTML.escape(noData))</p></div>\n" }
        let items = legend.map { "<li style=\"--swatch:\($0.1)\">\(HTML.escape($0.0))</li>" }.joined()
        return "<div class=\"chart-box\">\(chart.svg)<ul class=\"legend\">\(items)</ul></div>\n"
    }

    func note(_ columns: [TimeColumn]) -> String {
        guard document.series.count > TimeColumn.limit else { return "" }
        let per = (document.series.count + TimeColumn.limit - 1) / TimeColumn.limit
        return "<p class=\"muted small\">Each point covers \(per) buckets of the time series; latencies show the highest of them.</p>\n"
    }

    var throughputSection: String {
        let cols = columns
        let started = cols.map { $0.perSecond($0.counts.started) }, ended = cols.map { $0.perSecond($0.counts.finished) }
        let chart = started.contains { $0 > 0 } || ended.contains { $0 > 0 }
            ? SVGChart(id: "throughput", description: "Actions started and ended per second over time", x: timeAxis(cols),
                y: valueAxis(started + ended, title: "actions/s"),
                marks: [.line(name: "started/s", color: Color.gray, points: zip(cols, started).map { ($0.middle, $1) }, lineWidth: 1.4),
                    .line(name: "ended/s", color: Color.blue, points: zip(cols, ended).map { ($0.middle, $1) })])
            : nil
        let content = chartBox(chart, legend: [("started per second", Color.gray), ("ended per second", Color.blue)],
            noData: "no action started in this case") + note(cols)
        return section("throughput", "Actions per second", content)
    }

    var latencyOverTimeSection: String {
        let cols = columns
        let hasData = cols.contains { $0.latencyCount > 0 }
        let chart = hasData
            ? SVGChart(id: "latency", description: "Latency percentiles p50, p95 and p99 over time", x: timeAxis(cols),
                y: valueAxis(cols.compactMap(\.p99), title: "latency (ms)"),
                marks: [.line(name: "p99", color: Color.red, points: cols.map { ($0.middle, $0.p99) }, lineWidth: 3),
                    .line(name: "p95", color: Color.orange, points: cols.map { ($0.middle, $0.p95) }),
                    .line(name: "p50", color: Color.blue, points: cols.map { ($0.middle, $0.p50) })])
            : nil
        let content = chartBox(chart, legend: [("p50", Color.blue), ("p95", Color.orange), ("p99", Color.red)],
            noData: "no action ended in this case")
            + "<p class=\"muted small\">Percentiles of the actions that ended in each second, every action together; "
            + "a gap is a second in which none ended. Where p95 and p99 coincide, p99 shows as the red edge of p95.</p>\n"
        return section("latency-over-time", "Latency percentiles over time", content)
    }

    var distributionSection: String {
        let histogram = (try? document.total.latency.decodedHistogram()) ?? nil
        guard let histogram, histogram.count > 0 else {
            let empty = chartBox(nil, legend: [], noData: "no action ended in this case")
            return section("distribution", "Latency distribution", empty)
        }
        let distribution = LatencyDistribution(histogram: histogram)
        let curve = distribution.percentileCurve
        let top = distribution.curveTop
        let xTicks = (0...Int(top.rounded(.down))).map { k -> (Double, String) in
            let labels = ["0 %", "90 %", "99 %", "99.9 %", "99.99 %", "99.999 %"]
            return (Double(k), labels[k])
        }
        let percentileChart = SVGChart(id: "distribution", description: "Latency by percentile, whole run, every action together",
            x: SVGChart.Axis(domain: 0...top, ticks: xTicks, title: "percentile (log scale of 1/(1-p))"),
            y: valueAxis(curve.map(\.ms), title: "latency (ms)"),
            marks: [.line(name: "latency", color: Color.purple, points: curve.map { ($0.x, $0.ms) })], width: 520, height: 280)
        let bins = distribution.bins()
        let low = bins.first?.low ?? 0.001, high = bins.last?.high ?? 1
        let round = ChartScale.logTicks(from: low, to: high)
        let logTicks = round.isEmpty ? [low, high] : round
        let histogramChart = SVGChart(id: "histogram", description: "How many actions took how long, whole run, log-spaced latency bins",
            x: SVGChart.Axis(domain: log10(low)...log10(high), ticks: logTicks.map { (log10($0), ChartScale.label($0)) },
                title: "latency (ms, log scale)"),
            y: valueAxis(bins.map { Double($0.count) }, title: "actions"),
            marks: [.bars(name: "actions", color: Color.blue, bars: bins.map { (log10($0.low), log10($0.high), Double($0.count)) })],
            width: 520, height: 280)
        let content = "<div class=\"grid2\">"
            + chartBox(percentileChart, legend: [("latency at percentile", Color.purple)], noData: "")
            + chartBox(histogramChart, legend: [("actions per latency bin", Color.blue)], noData: "")
            + "</div><p class=\"muted small\">From the whole run's HDR histogram of \(HTML.count(histogram.count)) latencies "
            + "(median \(HTML.latency(histogram.percentile(50).milliseconds)), p99 \(HTML.latency(histogram.percentile(99).milliseconds)), "
            + "max \(HTML.latency(histogram.max.milliseconds))).</p>\n"
        return section("distribution", "Latency distribution", content)
    }

    var outcomesOverTimeSection: String {
        let cols = columns
        let succeeded = cols.map { $0.perSecond($0.counts.succeeded) }, failed = cols.map { $0.perSecond($0.counts.failed) }
        let mismatched = cols.map { $0.perSecond($0.counts.withMismatches) }
        let chart = cols.contains { $0.counts.finished > 0 }
            ? SVGChart(id: "outcomes", description: "Actions that succeeded, failed and ended with a mismatch, per second over time",
                x: timeAxis(cols), y: valueAxis(succeeded + failed, title: "actions/s"),
                marks: [.line(name: "succeeded", color: Color.green, points: zip(cols, succeeded).map { ($0.middle, $1) }),
                    .line(name: "failed", color: Color.red, points: zip(cols, failed).map { ($0.middle, $1) }),
                    .line(name: "with mismatches", color: Color.orange, points: zip(cols, mismatched).map { ($0.middle, $1) }, lineWidth: 1.4)])
            : nil
        let content = chartBox(chart, legend: [("succeeded", Color.green), ("failed", Color.red), ("with mismatches", Color.orange)],
            noData: "no action ended in this case")
        return section("outcomes-over-time", "Successes and failures over time", content)
    }

    var droppedSection: String {
        guard document.dropped > 0 else { return "" }
        let cols = columns
        let dropped = cols.map { $0.perSecond($0.dropped) }
        let chart = SVGChart(id: "dropped", description: "Arrival-rate iterations dropped per second over time", x: timeAxis(cols),
            y: valueAxis(dropped, title: "dropped/s"),
            marks: [.line(name: "dropped", color: Color.red, points: zip(cols, dropped).map { ($0.middle, $1) })])
        let content = chartBox(chart, legend: [("dropped iterations per second (no idle user)", Color.red)], noData: "")
            + "<p class=\"muted small\">\(HTML.counted(document.dropped, "iteration")) found no idle user and did not start "
            + "(k6's dropped_iterations): the arrival rate asked more than the users could take.</p>\n"
        return section("dropped", "Dropped iterations over time", content)
    }
}
