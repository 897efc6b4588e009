import Networks

extension ReportPage {
    var header: String {
        let d = document
        let thresholdsFailed = d.thresholds.filter { !$0.passed }.count
        let ok = d.outcome.status == "completed" && thresholdsFailed == 0
        let verdict = ok ? "PASSED" : d.outcome.status != "completed" ? d.outcome.status.uppercased() : "FAILED"
        var why = "Outcome: \(d.outcome.description). "
        why += d.thresholds.isEmpty ? "No thresholds." : thresholdsFailed == 0 ? "All \(d.thresholds.count) thresholds passed."
            : "\(thresholdsFailed) of \(d.thresholds.count) thresholds failed."
        let s = d.settings
        let facts: [(String, String)] = [
            ("run", d.runID), ("started", d.startedAt),
            ("users", HTML.count(s.users)), ("acted", "\(HTML.fixed(d.elapsedSeconds, 1)) s of \(HTML.fixed(s.durationSeconds, 1)) s"),
            ("mix", "\(s.mix) (\(s.actions.count) actions)"), ("executor", s.executor),
            ("target", s.target), ("seed", d.replay.seed),
        ]
        var out = "<header><h1>Load case \(HTML.escape(d.label))</h1>\n"
        out += "<p><span class=\"verdict \(ok ? "ok" : "bad")\">\(HTML.escape(verdict))</span>\(HTML.escape(why))</p>\n"
        out += "<dl class=\"facts\">" + facts.map { "<dt>\(HTML.escape($0))</dt><dd>\(HTML.escape($1))</dd>" }.joined() + "</dl>\n"
        out += "<p>Replay every user's choices: <code>\(HTML.escape(d.replay.command))</code> "
            + "<span class=\"muted small\">(each user draws from the seed plus its index)</span></p>\n"
        return out + "</header>\n"
    }

    var thresholdsSection: String {
        guard !document.thresholds.isEmpty else { return section("thresholds", "Thresholds", "<p class=\"muted\">No thresholds.</p>\n") }
        let rows = document.thresholds.map { t in
            [Cell(HTML.escape(t.expression)), Cell(HTML.escape(t.observedText)), t.passed ? Cell("passed", "pass") : Cell("FAILED", "fail"),
                Cell(t.abortOnFail ? "yes" : "no")]
        }
        return section("thresholds", "Thresholds", table(["threshold", "observed", "verdict", "aborts the run"], rows, classes: ["text"]))
    }

    var summarySection: String {
        let d = document
        func row(_ name: String, _ a: LoadReportDocument.ActionFigures) -> [String] {
            let none = a.counts.ended == 0
            func ms(_ v: Double) -> String { none ? "-" : HTML.fixed(v, 1) }
            return [HTML.breakable(name), HTML.count(a.counts.started), HTML.count(a.counts.ended),
                none ? "-" : HTML.fixed(a.successRate * 100, 2) + " %", HTML.count(a.counts.failed),
                ms(a.latency.p50Ms), ms(a.latency.p90Ms), ms(a.latency.p95Ms), ms(a.latency.p99Ms), ms(a.latency.maxMs),
                HTML.fixed(a.actionsPerSecond, 2), HTML.count(a.counts.withMismatches)]
        }
        let rows = d.actions.map { row($0.name ?? "-", $0) } + [row("total", d.total)]
        let header = ["action", "started", "ended", "success", "failed", "p50", "p90", "p95", "p99", "max", "actions/s", "mismatched"]
        var content = table(header, rows, rowClass: { $0 == rows.count - 1 ? "total" : nil })
        content += "<p class=\"muted small\">Latencies p50 to max in milliseconds, from HDR histograms (three significant digits): "
            + "each figure is the top of its bucket. Actions/s: ended per second of the time the users acted. "
            + "Mismatched: actions that ended with at least one state mismatch.\(d.dropped > 0 ? " \(HTML.counted(d.dropped, "arrival-rate iteration")) dropped." : "")</p>\n"
        return section("actions", "Actions", content)
    }

    var mismatchesSection: String {
        let d = document
        guard d.mismatchCount > 0 else { return section("mismatches", "Mismatches", "<p>No state mismatch.</p>\n") }
        let shown = d.mismatches.prefix(Self.detailRows)
        let rows = shown.map { m in
            let mismatch = m.mismatch
            return [HTML.escape(m.user), HTML.breakable(m.action), "\(m.second) s", HTML.escape(m.field),
                HTML.escape(mismatch.readable(m.expected)), HTML.escape(mismatch.readable(m.actual))]
        }
        var content = "<p>\(HTML.counted(d.mismatchCount, "mismatch", "mismatches"))\(d.mismatchCount > shown.count ? ", the first \(shown.count) below (report.json lists up to 10,000)" : "")."
            + " Amounts are in whole units with base units beside them.</p>\n"
        content += table(["user", "action", "at", "field", "expected", "actual"], rows, classes: ["text", "text", "", "wrap", "wrap", "wrap"])
        return section("mismatches", "Mismatches", content)
    }

    var invariantsSection: String {
        let rows = document.invariants.map { i in
            [Cell(HTML.escape(i.name)), i.holds ? Cell("holds", "pass") : Cell("VIOLATED", "fail"), Cell(HTML.escape(i.detail))]
        }
        guard !rows.isEmpty else { return section("invariants", "Invariants", "<p class=\"muted\">No invariant was checked.</p>\n") }
        return section("invariants", "Invariants", table(["invariant", "verdict", "detail"], rows, classes: ["text", "", "wrap"]))
    }

    var failuresSection: String {
        let d = document
        guard d.failureCount > 0 else { return section("failures", "Failures", "<p>No action failed.</p>\n") }
        let shown = d.failures.prefix(Self.detailRows)
        let rows = shown.map { f in [HTML.escape(f.user), HTML.breakable(f.action ?? "-"), "\(f.second) s", HTML.escape(f.error)] }
        let content = "<p>\(HTML.counted(d.failureCount, "failure"))\(d.failureCount > shown.count ? ", the first \(shown.count) below" : "").</p>\n"
            + table(["user", "action", "at", "error"], rows, classes: ["text", "text", "", "wrap"])
        return section("failures", "Failures", content)
    }

    var fundsSection: String {
        let d = document
        func amount(_ asset: Asset, _ v: BaseUnits) -> String {
            "<span title=\"\(HTML.escape(v.description)) \(asset.baseUnit)\">\(HTML.escape(asset.format(v.value)))</span>"
        }
        let given = d.funds.given, returned = d.funds.returned
        let kept = LoadReportDocument.Amounts(Funds(nat: given.nat.value - returned.nat.value, und: given.und.value - returned.und.value,
            fund: given.fund.value - returned.fund.value))
        let rows = [("given", given), ("returned", returned), ("given − returned", kept)].map { name, a in
            [HTML.escape(name), amount(.nat, a.nat), amount(.und, a.und), amount(.fund, a.fund)]
        }
        var content = "<div class=\"grid2\"><div>" + table(["funds", "NAT", "UND", "FUND"], rows) + "</div><div>"
        content += table(["fees the users paid", "amount"], [
            ["gas", amount(.nat, d.fees.gas)], ["underlying payment fees", amount(.und, d.fees.underlying)],
            ["collateral reservation fees", amount(.nat, d.fees.reservation)],
        ]) + "</div></div>\n"
        if d.poolTokensToPartners.value != 0 {
            content += "<p>Pool tokens moved to partners: \(HTML.escape(d.poolTokensToPartners.description)).</p>\n"
        }
        content += "<p class=\"muted small\">Whole units; hover an amount for its base units (report.json has them as decimal strings).</p>\n"
        return section("funds", "Fees and funds", content)
    }
}
