/// A bug that bites only on a specific sequence of calls: the `nth` `victim` call on one agent
/// after a `trigger` call on that agent (or its pool). Counting starts again at every trigger.
/// Needed to test that shrinking finds the short sequence that fails.
///
/// Spec: `combo:<name>[:nth=<n>][:effect=<effect>]`. To add a combination, add a `Kind` to
/// `ComboBug.kinds` and apply its effect where the victim runs.
public struct ComboBug: Sendable, Equatable, CustomStringConvertible {
    /// One registered combination.
    public struct Kind: Sendable, Equatable {
        public let name: String
        /// The call that starts the count, e.g. `pool.exit`.
        public let trigger: String
        /// The call that is counted and bitten, e.g. `asset_manager.reserve_collateral`.
        public let victim: String
        public let defaultNth: Int
        public let defaultEffect: Effect
        public let summary: String
    }

    /// What happens to the bitten call.
    public enum Effect: Sendable, Equatable, CustomStringConvertible {
        /// The minting of the bitten reservation credits the minter one lot too few.
        case shortLot
        /// The bitten reservation's fee is off by this many wei (receipt and balance agree).
        case reservationFee(Int128)

        public var description: String {
            switch self {
            case .shortLot: "short-lot"
            case .reservationFee(let delta): delta < 0 ? "fee\(delta)" : "fee+\(delta)"
            }
        }
    }

    /// The registry of combinations.
    public static let kinds: [Kind] = [
        Kind(name: "reservation-after-exit", trigger: "pool.exit", victim: "asset_manager.reserve_collateral", defaultNth: 4,
            defaultEffect: .shortLot,
            summary: "the nth reservation on one agent after an exit from that agent's pool (default 4th) is bitten"),
    ]

    public let kind: Kind
    public var nth: Int
    public var effect: Effect

    public init(kind: Kind, nth: Int, effect: Effect) {
        self.kind = kind
        self.nth = nth
        self.effect = effect
    }

    public var description: String { "combo:\(kind.name):nth=\(nth):effect=\(effect)" }

    static let grammar = "combo:<name>[:nth=<n>][:effect=short-lot|fee+<wei>|fee-<wei>] with name one of "
        + kinds.map(\.name).joined(separator: ", ")

    /// Reads `combo:...` (the `combo:` prefix already removed from `rest`).
    static func parse(_ rest: String, part: String) throws(FaultSpecError) -> ComboBug {
        func fail(_ problem: String) -> FaultSpecError { FaultSpecError(setting: "plant", part: part, problem: problem, grammar: grammar) }
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let name = fields.first, let kind = kinds.first(where: { $0.name == name }) else {
            throw fail("unknown combination \"\(fields.first ?? "")\"")
        }
        var bug = ComboBug(kind: kind, nth: kind.defaultNth, effect: kind.defaultEffect)
        for field in fields.dropFirst() {
            if field.hasPrefix("nth="), let n = Int(field.dropFirst(4)), n >= 1 {
                bug.nth = n
            } else if field == "effect=short-lot" {
                bug.effect = .shortLot
            } else if field.hasPrefix("effect=fee"), let delta = Int128(String(field.dropFirst("effect=fee".count))),
                field.dropFirst("effect=fee".count).first == "+" || field.dropFirst("effect=fee".count).first == "-", delta != 0
            {
                bug.effect = .reservationFee(delta)
            } else {
                throw fail("unknown parameter \"\(field)\"")
            }
        }
        return bug
    }
}
