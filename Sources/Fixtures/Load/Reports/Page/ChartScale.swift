import Foundation

/// Axis ticks at round values (1, 2 or 5 times a power of ten), and their labels.
enum ChartScale {
    /// Ticks from 0 to at least `max`, about `target` of them; the last one is the axis' top.
    static func ticks(upTo max: Double, target: Int = 5) -> [Double] {
        guard max > 0, max.isFinite else { return [0, 1] }
        let step = niceStep(max / Double(target))
        var ticks: [Double] = []
        var v = 0.0
        while ticks.last.map({ $0 < max }) ?? true {
            ticks.append(v)
            v += step
        }
        return ticks
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 2.5, 5, 10] where m * magnitude >= raw { return m * magnitude }
        return 10 * magnitude
    }

    /// Round values (1, 2, 5 times powers of ten) inside `low...high`, for a log axis.
    static func logTicks(from low: Double, to high: Double) -> [Double] {
        guard low > 0, high >= low else { return [] }
        var ticks: [Double] = []
        var power = pow(10, floor(log10(low)))
        while power <= high * 1.0001 {
            for m in [1.0, 2, 5] where m * power >= low * 0.9999 && m * power <= high * 1.0001 { ticks.append(m * power) }
            power *= 10
        }
        return ticks
    }

    /// A tick label: `0`, `2.5`, `1,500`, `0.05`.
    static func label(_ value: Double) -> String {
        if value == value.rounded() { return HTML.count(Int(value)) }
        for places in 1...4 {
            let text = HTML.fixed(value, places)
            if abs((Double(text.replacingOccurrences(of: ",", with: "")) ?? 0) - value) < 1e-9 { return text }
        }
        return HTML.fixed(value, 4)
    }

    /// Seconds of a run as an axis label: `45 s`, `2:30`, `1:05:00`.
    static func time(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 120 { return "\(s) s" }
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }
}

extension ChartScale {
    /// Ticks for a time axis of `seconds`: round seconds, minutes or hours, about six of them.
    static func timeTicks(upTo seconds: Double) -> [Double] {
        guard seconds > 0 else { return [0] }
        let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
        let step = steps.first { seconds / $0 <= 7 } ?? niceStep(seconds / 6)
        return stride(from: 0, through: seconds, by: step).map { $0 }
    }
}
