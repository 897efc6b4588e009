/// Faults of the devnet's HTTP front, for the harness's own tests (off unless asked for).
///
/// Spec grammar: comma-separated `key=value` items, e.g.
/// `latency=20ms,jitter=100ms,drop-after-include=5%,503=2%,seed=7`:
/// - `latency=<duration>`: added before every `/rpc` answer; `jitter=<duration>`: plus a
///   uniform random 0…jitter. Durations are `<n>us`, `<n>ms` or `<n>s`.
/// - `drop-after-include=<p>%`: a request that included a transaction loses its answer (the
///   connection is closed, or an empty 500 comes back, half each); the transaction stays.
/// - `502=<p>%`, `503=<p>%`: answered with that status, without executing the request.
/// - `close=<p>%`: the connection is closed without executing the request.
/// - `seed=<n>`: the fault generator's seed (default 1), so a sequential run replays exactly.
/// `off` (or an empty spec) means no faults.
public struct HTTPFaults: Sendable, Equatable, CustomStringConvertible {
    public var latency: Duration = .zero
    public var jitter: Duration = .zero
    /// Probabilities from 0 to 1.
    public var dropAfterInclude = 0.0
    public var badGateway = 0.0
    public var unavailable = 0.0
    public var close = 0.0
    public var seed: UInt64 = 1

    public init() {}

    /// No faults.
    public static let none = HTTPFaults()

    /// Whether any fault is switched on.
    public var isActive: Bool {
        latency > .zero || jitter > .zero || dropAfterInclude > 0 || badGateway > 0 || unavailable > 0 || close > 0
    }

    static let grammar =
        "comma-separated key=value items: latency=<n>ms, jitter=<n>ms, drop-after-include=<p>%, 502=<p>%, 503=<p>%, close=<p>%, seed=<n> (durations in us, ms or s; p from 0 to 100), or off"

    /// Reads a spec; errors name the part and the grammar.
    public static func parse(_ spec: String) throws(FaultSpecError) -> HTTPFaults {
        var faults = HTTPFaults()
        let trimmed = spec.trimmingWhitespace
        if trimmed.isEmpty || trimmed == "off" || trimmed == "none" { return faults }
        var seen: Set<String> = []
        for raw in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let part = String(raw).trimmingWhitespace
            func fail(_ problem: String) -> FaultSpecError { FaultSpecError(setting: "faults", part: part, problem: problem, grammar: grammar) }
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else { throw fail("not a key=value item") }
            let (key, value) = (pieces[0], pieces[1])
            guard seen.insert(key).inserted else { throw fail("\(key) given twice") }
            switch key {
            case "latency": faults.latency = try duration(value, or: fail("not a duration such as 20ms"))
            case "jitter": faults.jitter = try duration(value, or: fail("not a duration such as 100ms"))
            case "drop-after-include": faults.dropAfterInclude = try probability(value, or: fail("not a percentage such as 5%"))
            case "502": faults.badGateway = try probability(value, or: fail("not a percentage such as 1%"))
            case "503": faults.unavailable = try probability(value, or: fail("not a percentage such as 2%"))
            case "close": faults.close = try probability(value, or: fail("not a percentage such as 1%"))
            case "seed":
                guard let seed = UInt64(value) else { throw fail("not a non-negative integer seed") }
                faults.seed = seed
            default: throw fail("unknown fault \(key)")
            }
        }
        guard faults.badGateway + faults.unavailable + faults.close <= 1 else {
            throw FaultSpecError(setting: "faults", part: trimmed, problem: "502, 503 and close add up to more than 100%", grammar: grammar)
        }
        return faults
    }

    /// `<n>us`, `<n>ms` or `<n>s`, at most one hour.
    static func duration(_ text: String, or error: FaultSpecError) throws(FaultSpecError) -> Duration {
        for (suffix, unit) in [("us", Duration.microseconds(1)), ("ms", .milliseconds(1)), ("s", .seconds(1))] where text.hasSuffix(suffix) {
            guard let n = Int64(text.dropLast(suffix.count)), n >= 0, unit * n <= .seconds(3600) else { throw error }
            return unit * n
        }
        throw error
    }

    /// `<p>%` with p from 0 to 100 (decimals allowed), as a probability.
    static func probability(_ text: String, or error: FaultSpecError) throws(FaultSpecError) -> Double {
        guard text.hasSuffix("%"), let p = Double(text.dropLast()), p.isFinite, (0...100).contains(p) else { throw error }
        return p / 100
    }

    /// The spec that `parse` reads back as this value.
    public var description: String {
        guard isActive else { return "off" }
        var parts: [String] = []
        if latency > .zero { parts.append("latency=\(Self.text(latency))") }
        if jitter > .zero { parts.append("jitter=\(Self.text(jitter))") }
        for (key, p) in [("drop-after-include", dropAfterInclude), ("502", badGateway), ("503", unavailable), ("close", close)] where p > 0 {
            parts.append("\(key)=\(Self.percent(p))%")
        }
        parts.append("seed=\(seed)")
        return parts.joined(separator: ",")
    }

    static func text(_ d: Duration) -> String {
        let us = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
        return us % 1_000 == 0 ? "\(us / 1_000)ms" : "\(us)us"
    }

    static func percent(_ p: Double) -> String {
        let value = p * 100
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
