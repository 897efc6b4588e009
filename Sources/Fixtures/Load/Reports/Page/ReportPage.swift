/// `report.html`: one self-contained page (inline CSS and SVG, no script, no fetch) drawn
/// from a report document, so a merged document renders the same way as one case's.
struct ReportPage {
    let document: LoadReportDocument

    /// Mismatches and failures shown in detail; report.json has them all.
    static let detailRows = 100

    var html: String {
        let d = document
        let title = "Load case \(d.label), run \(d.runID)"
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            + "<title>\(HTML.escape(title))</title><style>\(ReportStyle.css)</style></head>\n<body><main>\n"
        out += header
        out += shardsSection
        out += thresholdsSection
        out += summarySection
        out += throughputSection
        out += latencyOverTimeSection
        out += distributionSection
        out += outcomesOverTimeSection
        out += droppedSection
        out += mismatchesSection
        out += invariantsSection
        out += failuresSection
        out += fundsSection
        out += "<footer>LedgerQA load report, schema \(d.schema). The same figures, histograms and all, are in report.json beside this file.</footer>\n"
        return out + "</main></body></html>\n"
    }

    /// A section with its heading and content.
    func section(_ id: String, _ heading: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(HTML.escape(heading))</h2>\n\(content)</section>\n"
    }

    /// A table cell: escaped HTML, and a class of its own (`pass`, `fail`) beside its column's.
    struct Cell {
        let html: String
        let cls: String?

        init(_ html: String, _ cls: String? = nil) {
            self.html = html
            self.cls = cls
        }
    }

    /// A table of already-escaped cells under `header`; `classes` gives each column a class.
    func table(_ header: [String], _ rows: [[String]], classes: [String] = [], rowClass: (Int) -> String? = { _ in nil }) -> String {
        table(header, rows.map { $0.map { Cell($0) } }, classes: classes, rowClass: rowClass)
    }

    func table(_ header: [String], _ rows: [[Cell]], classes: [String] = [], rowClass: (Int) -> String? = { _ in nil }) -> String {
        func attribute(_ names: [String?]) -> String {
            let list = names.compactMap { $0 }.filter { !$0.isEmpty }
            return list.isEmpty ? "" : " class=\"\(list.joined(separator: " "))\""
        }
        func column(_ i: Int) -> String? { i < classes.count ? classes[i] : nil }
        var out = "<div class=\"table-wrap\"><table><thead><tr>" + header.enumerated().map { "<th\(attribute([column($0)]))>\(HTML.escape($1))</th>" }.joined()
            + "</tr></thead><tbody>"
        for (r, row) in rows.enumerated() {
            out += "<tr\(attribute([rowClass(r)]))>" + row.enumerated().map { "<td\(attribute([column($0), $1.cls]))>\($1.html)</td>" }.joined()
                + "</tr>"
        }
        return out + "</tbody></table></div>\n"
    }
}

extension LoadReportDocument {
    /// `report.html`'s text: summary tables, charts of the time series and the latency
    /// distribution, mismatches, invariants, thresholds, fees and funds, and the replay command.
    public func html() -> String { ReportPage(document: self).html }
}
