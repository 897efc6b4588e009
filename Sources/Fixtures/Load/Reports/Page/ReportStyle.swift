/// The report page's stylesheet: system fonts only, readable on a laptop, printable.
enum ReportStyle {
    static let css = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
        main { max-width: 1120px; margin: 0 auto; padding: 20px 24px 40px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        p { margin: 6px 0; }
        code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
        .verdict { display: inline-block; font-weight: 600; padding: 2px 10px; border-radius: 12px; color: #fff; margin-right: 8px; }
        .verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 14px; margin: 12px 0; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 7px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; white-space: nowrap; }
        th:first-child, td:first-child, td.text, th.text { text-align: left; }
        td:first-child, td.wrap { white-space: normal; } td.wrap { overflow-wrap: anywhere; }
        th { font-weight: 600; background: #f6f8fa; }
        tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
        td.pass { color: var(--ok); font-weight: 600; } td.fail { color: var(--bad); font-weight: 600; }
        td.wrap, th.wrap { text-align: left; }
        .muted { color: var(--muted); } .small { font-size: 12px; }
        .chart-box { margin: 6px 0 4px; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg.chart text { font-size: 11px; fill: var(--muted); font-family: inherit; }
        svg.chart text.title { fill: var(--ink); }
        svg.chart .grid line { stroke: #eef1f4; } svg.chart .axis line { stroke: #8c959f; }
        ul.legend { list-style: none; padding: 0; margin: 2px 0 0 64px; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12.5px; }
        ul.legend li::before { content: ""; display: inline-block; width: 14px; height: 3px; margin: 0 6px 3px 0; background: var(--swatch); vertical-align: middle; }
        p.no-data { border: 1px dashed var(--line); padding: 28px; text-align: center; color: var(--muted); }
        .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
        footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
        @media (max-width: 800px) { dl.facts { grid-template-columns: max-content 1fr; } .grid2 { grid-template-columns: 1fr; } }
        @media print {
            body { font-size: 10.5pt; } main { max-width: none; padding: 0; } .table-wrap { overflow: visible; }
            section { break-inside: avoid; } h2 { break-after: avoid; }
            .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
