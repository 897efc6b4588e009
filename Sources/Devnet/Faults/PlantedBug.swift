/// A protocol bug planted in the devnet on purpose, for the harness's own tests: a test plants
/// one and proves that a suite catches it. Off unless asked for.
///
/// Spec grammar: comma-separated bugs, each one of
/// - `gas:<contract>.<method>:<n>:<+gas|-gas>`: that call's gas changes by the delta from its
///   n-th included use on, receipt and balance agreeing (e.g. `gas:pool.exit:3:+1000`);
/// - `skip:<rule>`: one refusal rule is not enforced (`RefusalRule`, e.g. `skip:pool.timelock`);
/// - `combo:<name>[:nth=<n>][:effect=...]`: a bug that bites only on a sequence (`ComboBug`).
/// `off` (or an empty spec) plants nothing.
public enum PlantedBug: Sendable, Equatable, CustomStringConvertible {
    case gas(call: String, fromUse: Int, delta: Int64)
    case skip(RefusalRule)
    case combo(ComboBug)

    public var description: String {
        switch self {
        case .gas(let call, let n, let delta): "gas:\(call):\(n):\(delta < 0 ? "" : "+")\(delta)"
        case .skip(let rule): "skip:\(rule.rawValue)"
        case .combo(let combo): combo.description
        }
    }

    /// One bug of each kind a harness should catch (`devnet --list-plants`): the gas of every
    /// write SPEC names raised by `gasDelta` from its first use (the devnet's own extensions,
    /// `fund.transfer` and `devnet.set_faults`, are left out), and every refusal rule skipped.
    public static func catalog(gasDelta: Int64 = 1_000) -> [PlantedBug] {
        GasTable.calls.keys.filter { StrictProfile.writes[$0] != nil }.sorted().map { .gas(call: $0, fromUse: 1, delta: gasDelta) }
            + RefusalRule.allCases.map { .skip($0) }
    }

    static let grammar =
        "comma-separated bugs: gas:<contract>.<method>:<n>:<+gas|-gas>, skip:<rule>, combo:<name>[:nth=<n>][:effect=...], or off"

    /// Reads a spec; errors name the part and the grammar.
    public static func parse(_ spec: String) throws(FaultSpecError) -> [PlantedBug] {
        let trimmed = spec.trimmingWhitespace
        if trimmed.isEmpty || trimmed == "off" || trimmed == "none" { return [] }
        var bugs: [PlantedBug] = []
        for raw in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let part = String(raw).trimmingWhitespace
            let bug = try parseOne(part)
            guard !bugs.contains(bug) else {
                throw FaultSpecError(setting: "plant", part: part, problem: "planted twice", grammar: grammar)
            }
            bugs.append(bug)
        }
        return bugs
    }

    static func parseOne(_ part: String) throws(FaultSpecError) -> PlantedBug {
        if part.hasPrefix("skip:") {
            let name = String(part.dropFirst(5))
            guard let rule = RefusalRule(rawValue: name) else {
                throw FaultSpecError(setting: "plant", part: part, problem: "unknown refusal rule \"\(name)\"",
                    grammar: "skip:<rule> with rule one of \(RefusalRule.names)")
            }
            return .skip(rule)
        }
        if part.hasPrefix("combo:") { return .combo(try ComboBug.parse(String(part.dropFirst(6)), part: part)) }
        if part.hasPrefix("gas:") { return try parseGas(part) }
        throw FaultSpecError(setting: "plant", part: part, problem: "unknown kind of bug", grammar: grammar)
    }

    static func parseGas(_ part: String) throws(FaultSpecError) -> PlantedBug {
        let grammar = "gas:<contract>.<method>:<n>:<+gas|-gas> with n ≥ 1 and call one of \(GasTable.calls.keys.sorted().joined(separator: ", "))"
        func fail(_ problem: String) -> FaultSpecError { FaultSpecError(setting: "plant", part: part, problem: problem, grammar: grammar) }
        let fields = part.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4 else { throw fail("expected four ':'-separated fields") }
        guard let base = GasTable.calls[fields[1]] else { throw fail("unknown call \(fields[1])") }
        guard let n = Int(fields[2]), n >= 1 else { throw fail("the use to start from must be an integer ≥ 1") }
        guard let sign = fields[3].first, sign == "+" || sign == "-", let delta = Int64(fields[3]), delta != 0 else {
            throw fail("the gas change must be a signed non-zero integer such as +1000")
        }
        guard base + delta >= 0, delta <= 1_000_000_000 else { throw fail("the gas would leave 0…\(base)+10^9") }
        return .gas(call: fields[1], fromUse: n, delta: delta)
    }
}

/// The fixed gas of every write call by its planted-bug name (`collateral_pool` is `pool`).
enum GasTable {
    static let calls: [String: Int64] = {
        var calls: [String: Int64] = [:]
        for interface in Ledger.allInterfaces {
            for method in interface.writes.values { calls["\(interface.plantName).\(method.name)"] = method.gas }
        }
        return calls
    }()
}

extension ContractInterface {
    /// The contract's name in planted-bug specs.
    var plantName: String { name == "collateral_pool" ? "pool" : name }
}
