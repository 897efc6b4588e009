import Foundation

extension Threshold {
    /// The grammar, for error messages.
    public static let grammar = "[Action.]metric op value[unit][!], e.g. success>=99.5%, p99<2s, "
        + "MintRandomAgentRandomAmount.p95<800ms, actions/s>=20, mismatches==0, p99<1s! "
        + "(metrics: success %, p50..p99.99, p(NN), max in ms/s/m, actions/s, mismatches, failures, dropped, invariants; "
        + "ops: < <= > >= == !=; a trailing ! aborts the run when it fails)"

    /// A comma-separated list of thresholds, as `LOAD_THRESHOLDS` holds them.
    public static func parseList(_ text: String, variable: String = "LOAD_THRESHOLDS") throws(ConfigurationError) -> [Threshold] {
        var out: [Threshold] = []
        for part in text.split(separator: ",") {
            let expression = part.trimmingCharacters(in: .whitespaces)
            guard !expression.isEmpty else { continue }
            do { out.append(try parse(expression)) } catch {
                throw ConfigurationError(variable: variable, value: text,
                    expected: "\(error.reason) in \"\(expression)\"; thresholds follow \(grammar)")
            }
        }
        return out
    }

    /// Why one expression was refused.
    public struct ParseError: Error, Sendable { public let reason: String }

    /// One expression.
    public static func parse(_ written: String) throws(ParseError) -> Threshold {
        var text = written.trimmingCharacters(in: .whitespaces)
        let abort = text.hasSuffix("!")
        if abort { text.removeLast() }
        guard let (left, comparison, right) = split(text) else { throw ParseError(reason: "no comparison (<, <=, >, >=, ==, !=)") }
        let (action, metricText) = try splitAction(left.trimmingCharacters(in: .whitespaces))
        let metric = try self.metric(metricText)
        if action != nil, [.dropped, .invariants].contains(metric) {
            throw ParseError(reason: "\(metricText) is a measure of the whole case, not of one action")
        }
        let limit = try value(right.trimmingCharacters(in: .whitespaces), for: metric)
        return Threshold(action: action, metric: metric, comparison: comparison, limit: limit, abortOnFail: abort,
            expression: written.trimmingCharacters(in: .whitespaces))
    }

    static func split(_ text: String) -> (String, Comparison, String)? {
        for op in Comparison.allCases {  // two-character operators first
            if let range = text.range(of: op.rawValue) {
                return (String(text[..<range.lowerBound]), op, String(text[range.upperBound...]))
            }
        }
        return nil
    }

    /// `Action.metric` into the action and the metric. A dot inside a percentile (`p99.9`,
    /// `p(99.9)`) is not an action prefix.
    static func splitAction(_ text: String) throws(ParseError) -> (ActionName?, String) {
        var metricStart = text.startIndex
        if let paren = text.range(of: "p(") {
            metricStart = paren.lowerBound
        } else {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            var metricParts = 1
            if parts.count >= 2, parts[parts.count - 1].allSatisfy(\.isNumber),
                parts[parts.count - 2].hasPrefix("p"), parts[parts.count - 2].dropFirst().allSatisfy(\.isNumber)
            {
                metricParts = 2
            }
            guard parts.count > metricParts else { return (nil, text) }
            metricStart = parts[parts.count - metricParts].startIndex
        }
        guard metricStart > text.startIndex else { return (nil, text) }
        let prefix = text[..<metricStart]
        guard prefix.hasSuffix(".") else { throw ParseError(reason: "\"\(text)\" is not [Action.]metric") }
        let name = ActionName(String(prefix.dropLast()))
        guard name.isWellFormed else { throw ParseError(reason: "\"\(name)\" is not an action name") }
        return (name, String(text[metricStart...]))
    }

    static func metric(_ text: String) throws(ParseError) -> Metric {
        switch text {
        case "success": return .successRate
        case "max": return .latency(percentile: 100)
        case "actions/s": return .rate
        case "mismatches": return .mismatches
        case "failures": return .failures
        case "dropped": return .dropped
        case "invariants": return .invariants
        default: break
        }
        var digits = Substring(text)
        if digits.hasPrefix("p(") && digits.hasSuffix(")") {
            digits = digits.dropFirst(2).dropLast()
        } else if digits.hasPrefix("p") {
            digits = digits.dropFirst()
        } else {
            throw ParseError(reason: "unknown metric \"\(text)\"")
        }
        guard let p = Double(digits), p > 0, p <= 100 else { throw ParseError(reason: "\"\(text)\" is not a percentile from p0.1 to p100") }
        return .latency(percentile: p)
    }

    static func value(_ text: String, for metric: Metric) throws(ParseError) -> Double {
        func number(_ s: Substring) throws(ParseError) -> Double {
            guard let v = Double(s), v.isFinite, v >= 0 else { throw ParseError(reason: "\"\(text)\" is not a number of the metric's unit") }
            return v
        }
        switch metric {
        case .successRate:
            guard text.hasSuffix("%") else { throw ParseError(reason: "success is a percentage: write it with %, e.g. 99.5%") }
            let v = try number(text.dropLast())
            guard v <= 100 else { throw ParseError(reason: "a success rate above 100 %") }
            return v
        case .latency:
            if text.hasSuffix("ms") { return try number(text.dropLast(2)) }
            if text.hasSuffix("s") { return try number(text.dropLast()) * 1000 }
            if text.hasSuffix("m") { return try number(text.dropLast()) * 60_000 }
            return try number(Substring(text))
        case .rate:
            return try number(text.hasSuffix("/s") ? text.dropLast(2) : Substring(text))
        case .mismatches, .failures, .dropped, .invariants:
            let v = try number(Substring(text))
            guard v == v.rounded() else { throw ParseError(reason: "\"\(text)\" is not a whole count") }
            return v
        }
    }
}
