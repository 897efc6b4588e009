extension ReportPage {
    /// A distributed run's shards: who reported, who never did.
    var shardsSection: String {
        guard let shards = document.shards else { return "" }
        var rows = shards.reported.map { s in
            [Cell(String(s.index)), Cell(HTML.count(s.users)), Cell(HTML.count(s.ended)),
                s.outcome == "completed" ? Cell("reported", "pass") : Cell("reported, \(HTML.escape(s.outcome))", "fail"),
                Cell(HTML.escape(s.host ?? "-")), Cell(HTML.escape(s.logDirectory))]
        }
        rows += shards.missing.map { m in
            [Cell(String(m.index)), Cell("-"), Cell("-"), Cell("MISSING", "fail"), Cell("-"), Cell(HTML.escape(m.reason))]
        }
        rows.sort { Int($0[0].html) ?? 0 < Int($1[0].html) ?? 0 }
        let intro = "<p>\(shards.reported.count) of \(shards.count) shards reported; counts and rates are their sums, percentiles come "
            + "from their merged histograms.\(shards.missing.isEmpty ? "" : " <strong>Missing shards are not in any figure.</strong>")</p>\n"
        return section("shards", "Shards", intro + table(["shard", "users", "actions ended", "report", "host", "logs / why missing"], rows,
            classes: ["", "", "", "text", "text", "text"]))
    }
}
