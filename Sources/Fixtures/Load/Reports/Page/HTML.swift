/// Text made safe for HTML and figures formatted for people, for the report page.
enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped: safe in element content and in quoted
    /// attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `text` escaped, with a line-break opportunity (`<wbr>`) before each capital that follows
    /// a lower-case letter: long action names wrap between words, not inside them.
    static func breakable(_ text: String) -> String {
        var out = ""
        var previousLower = false
        for c in text {
            if c.isUppercase && previousLower { out += "<wbr>" }
            out += escape(String(c))
            previousLower = c.isLowercase
        }
        return out
    }

    /// `1 mismatch`, `3 mismatches`: the count and the noun in the number it needs.
    static func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// `12,345`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var grouped = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(d)
        }
        return n < 0 ? "-" + grouped : grouped
    }

    /// `value` with `places` decimals, trailing zeros kept: `12.0`, `0.25`.
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "-" }
        let rounded = value.rounded(to: places)
        let sign = rounded < 0 ? "-" : ""
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(rounded) * scale).rounded())
        let whole = count(Int(scaled / Int64(scale)))
        guard places > 0 else { return sign + whole }
        let fraction = String(scaled % Int64(scale))
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// A latency in milliseconds as a person reads it: `0.35 ms`, `249.2 ms`, `12.48 s`.
    static func latency(_ ms: Double) -> String {
        if ms >= 10_000 { return fixed(ms / 1000, 2) + " s" }
        if ms < 1 { return fixed(ms, 2) + " ms" }
        return fixed(ms, 1) + " ms"
    }
}
