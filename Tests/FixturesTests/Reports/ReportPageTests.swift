import Foundation
@testable import Fixtures
import Testing

/// report.html: one self-contained page whose charts are drawn when there is data and say
/// "no data" when there is none, with every text escaped.
@Suite("Report page")
struct ReportPageTests {
    static let charts = ["throughput", "latency", "distribution", "histogram", "outcomes", "dropped"]

    /// Each `<svg class="chart" data-chart="id">` and how many drawn data elements it holds.
    func charts(_ html: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for part in html.components(separatedBy: "<svg class=\"chart\" data-chart=\"").dropFirst() {
            let id = String(part.prefix { $0 != "\"" })
            let body = part.components(separatedBy: "</svg>").first ?? ""
            out[id] = body.components(separatedBy: "class=\"data\"").count - 1
        }
        return out
    }

    @Test("every chart is present and draws data for a report with data")
    func chartsDrawn() {
        let html = LoadReportDocument(ReportSamples.report()).html()
        let found = charts(html)
        #expect(Set(found.keys) == Set(Self.charts), "\(found.keys.sorted())")
        for (id, marks) in found { #expect(marks > 0, "chart \(id) is empty") }
        #expect(!html.contains("no data"))
        #expect(html.contains("<polyline class=\"data\" data-series=\"p99\""))
    }

    @Test("a report in which nothing ran says no data instead of drawing empty charts")
    func noData() {
        let html = LoadReportDocument(ReportSamples.empty()).html()
        #expect(charts(html).isEmpty, "no chart without data: \(charts(html))")
        #expect(html.components(separatedBy: "<p class=\"no-data\">no data").count - 1 == 4,
            "throughput, latency over time, distribution, successes and failures")
        #expect(!html.contains("id=\"dropped\""), "no dropped section when nothing was dropped")
    }

    @Test("hostile text from mismatches, invariants and labels is escaped")
    func escaping() {
        let report = ReportSamples.report(label: "mix\"><img src=x onerror=alert(1)>")
        let html = LoadReportDocument(report).html()
        #expect(!html.contains("<script"), "no script element, from the mismatch field or anywhere")
        #expect(html.contains("fund &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<img"), "the label is text")
        #expect(html.contains("mix&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("balance &amp; &lt;b&gt;more&lt;/b&gt;"), "invariant details are escaped")
        #expect(HTML.escape("a&b<c>\"d'") == "a&amp;b&lt;c&gt;&quot;d&#39;")
    }

    @Test("the page shows amounts in whole units, the thresholds' verdicts and the replay command, and fetches nothing")
    func contents() {
        let html = LoadReportDocument(ReportSamples.report()).html()
        #expect(html.contains("20.000001 FUND (20000001 uba)"), "a mismatch's amounts in whole units beside base units")
        #expect(html.contains("10,050 NAT") && html.contains("9,998.01975 NAT") && html.contains("1.73575 NAT"))
        #expect(html.contains("LOAD_SEED=18446744073709551557 swift test --filter Load"))
        #expect(html.contains(">p99&lt;2s!</td>") && html.contains("class=\"pass\">passed</td>"))
        #expect(html.contains("class=\"fail\">VIOLATED</td>"))
        #expect(!html.contains("src=") && !html.contains("href="), "no fetched resource")
        #expect(!html.contains("<link") && !html.contains("@import"))
    }

    @Test("a long run's series is folded into at most 600 points per line")
    func folding() {
        let series = (0..<3_600).map { second -> LoadReportDocument.Bucket in
            var bucket = StatisticsBucket(start: second, width: 1)
            bucket.actions[.scenario1] = ActionCounts(started: 2, succeeded: second % 2, failed: 0)
            bucket.close()
            return LoadReportDocument.Bucket(bucket)
        }
        let columns = TimeColumn.columns(series)
        #expect(columns.count == 600)
        #expect(columns.reduce(0) { $0 + $1.counts.started } == 7_200)
        #expect(columns[1].start == 6 && columns[1].width == 6 && columns[1].perSecond(columns[1].counts.started) == 2)
    }
}
