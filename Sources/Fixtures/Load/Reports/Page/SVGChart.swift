/// A chart drawn as inline SVG: axes with ticks and grid lines, and lines or bars of data.
/// Every drawn datum has the class `data`, so a check can tell a chart with data from an
/// empty one.
struct SVGChart {
    /// What the chart draws.
    enum Mark {
        /// A line through `points`; a nil `y` is a gap (nothing measured there).
        case line(name: String, color: String, points: [(x: Double, y: Double?)], lineWidth: Double = 1.8)
        /// Bars from `x0` to `x1`, `y` high.
        case bars(name: String, color: String, bars: [(x0: Double, x1: Double, y: Double)])
    }

    /// An axis: its domain, the ticks to label and the title under or beside it.
    struct Axis {
        var domain: ClosedRange<Double>
        var ticks: [(value: Double, label: String)]
        var title: String
    }

    /// `throughput`, `latency`: names the chart for the page's checks.
    let id: String
    /// Read by screen readers and shown as a tooltip.
    let description: String
    let x: Axis
    let y: Axis
    let marks: [Mark]
    /// The drawing's size in SVG units: 880 wide for a chart across the page, 520 for one of
    /// two side by side, so that text keeps its size on screen.
    var width = 880.0
    var height = 250.0

    static let left = 64.0, right = 16.0, top = 12.0, bottom = 42.0

    var svg: String {
        var out = "<svg class=\"chart\" data-chart=\"\(HTML.escape(id))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "role=\"img\" aria-label=\"\(HTML.escape(description))\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title>\(HTML.escape(description))</title>"
        out += axes()
        out += "<g class=\"marks\">"
        for mark in marks { out += draw(mark) }
        out += "</g></svg>"
        return out
    }

    private var plotWidth: Double { width - Self.left - Self.right }
    private var plotHeight: Double { height - Self.top - Self.bottom }

    private func px(_ v: Double) -> Double {
        let span = x.domain.upperBound - x.domain.lowerBound
        return Self.left + (span > 0 ? (v - x.domain.lowerBound) / span : 0.5) * plotWidth
    }

    private func py(_ v: Double) -> Double {
        let span = y.domain.upperBound - y.domain.lowerBound
        let clamped = min(max(v, y.domain.lowerBound), y.domain.upperBound)
        return Self.top + plotHeight - (span > 0 ? (clamped - y.domain.lowerBound) / span : 0) * plotHeight
    }

    /// A coordinate with one decimal: `123.4`.
    private func n(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    private func axes() -> String {
        let bottom = Self.top + plotHeight
        var out = "<g class=\"grid\">"
        for tick in y.ticks { out += "<line x1=\"\(n(Self.left))\" x2=\"\(n(Self.left + plotWidth))\" y1=\"\(n(py(tick.value)))\" y2=\"\(n(py(tick.value)))\"/>" }
        out += "</g><g class=\"axis\">"
        out += "<line x1=\"\(n(Self.left))\" x2=\"\(n(Self.left + plotWidth))\" y1=\"\(n(bottom))\" y2=\"\(n(bottom))\"/>"
        out += "<line x1=\"\(n(Self.left))\" x2=\"\(n(Self.left))\" y1=\"\(n(Self.top))\" y2=\"\(n(bottom))\"/>"
        for tick in y.ticks {
            out += "<text x=\"\(n(Self.left - 6))\" y=\"\(n(py(tick.value) + 4))\" text-anchor=\"end\">\(HTML.escape(tick.label))</text>"
        }
        for tick in x.ticks {
            let at = px(tick.value)
            out += "<line x1=\"\(n(at))\" x2=\"\(n(at))\" y1=\"\(n(bottom))\" y2=\"\(n(bottom + 4))\"/>"
            out += "<text x=\"\(n(at))\" y=\"\(n(bottom + 16))\" text-anchor=\"middle\">\(HTML.escape(tick.label))</text>"
        }
        out += "<text class=\"title\" x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(height - 4))\" text-anchor=\"middle\">\(HTML.escape(x.title))</text>"
        out += "<text class=\"title\" transform=\"translate(14 \(n(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTML.escape(y.title))</text>"
        return out + "</g>"
    }

    private func draw(_ mark: Mark) -> String {
        switch mark {
        case .line(let name, let color, let points, let lineWidth):
            var out = ""
            var segment: [(Double, Double)] = []
            func flush() {
                if segment.count == 1, let p = segment.first {
                    out += "<circle class=\"data\" data-series=\"\(HTML.escape(name))\" cx=\"\(n(px(p.0)))\" cy=\"\(n(py(p.1)))\" r=\"2.5\" fill=\"\(color)\"/>"
                } else if segment.count > 1 {
                    let list = segment.map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " ")
                    out += "<polyline class=\"data\" data-series=\"\(HTML.escape(name))\" points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" "
                        + "stroke-width=\"\(n(lineWidth))\" stroke-linejoin=\"round\"/>"
                }
                segment = []
            }
            for p in points {
                if let y = p.y { segment.append((p.x, y)) } else { flush() }
            }
            flush()
            return out
        case .bars(let name, let color, let bars):
            return bars.map { bar in
                let top = py(bar.y)
                let x0 = px(bar.x0)
                let w = max(px(bar.x1) - x0 - 1, 1)
                return "<rect class=\"data\" data-series=\"\(HTML.escape(name))\" x=\"\(n(x0))\" y=\"\(n(top))\" width=\"\(n(w))\" "
                    + "height=\"\(n(max(Self.top + plotHeight - top, 0.5)))\" fill=\"\(color)\"/>"
            }.joined()
        }
    }
}
