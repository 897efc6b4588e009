import Networks

/// What the load engine checks about a user after every action: balances on both chains,
/// FUND, pool positions, and the status of its pending reservations and redemptions.
public struct UserState: Sendable, Equatable {
    public var nat: Int128 = 0
    public var und: Int128 = 0
    public var fund: Int128 = 0
    /// Positions by agent id, for every pool the user holds or touched.
    public var pools: [String: PoolHolding] = [:]
    /// Pool totals read right before and right after the holder positions, by agent id;
    /// they bound fee growth that other users' mintings cause (see `StateExpectation`).
    public var poolsBefore: [String: PoolInfo] = [:]
    public var poolsAfter: [String: PoolInfo] = [:]
    /// For a pool first entered during the action: its fees received just before the entry,
    /// the baseline of the fee-growth bound when there is no earlier read.
    public var feeBaselines: [String: Int128] = [:]
    /// Status of tracked reservations and redemption requests, by id.
    public var reservations: [Int64: String] = [:]
    public var redemptions: [Int64: String] = [:]
    /// Requests whose bot payment failed (still `PENDING`): defaultable after the deadline.
    public var failedPayments: Set<Int64> = []

    public init(nat: Int128 = 0, und: Int128 = 0, fund: Int128 = 0) {
        self.nat = nat
        self.und = und
        self.fund = fund
    }
}

extension UserState {
    /// Balances in whole units, pool positions and tracked statuses, for user logs.
    public var readable: String {
        var parts = ["\(Asset.nat.format(nat)), \(Asset.und.format(und)), \(Asset.fund.format(fund))"]
        for (agent, holding) in pools.sorted(by: { $0.key < $1.key }) {
            parts.append("pool[\(agent.prefix(10))] \(holding.tokens) tokens, fees \(Asset.fund.format(holding.fees))")
        }
        if !reservations.isEmpty { parts.append("reservations " + reservations.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")) }
        if !redemptions.isEmpty { parts.append("redemptions " + redemptions.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")) }
        return parts.joined(separator: "; ")
    }
}

/// One field whose actual value differs from the expected one. Values are base units
/// (or an interval of them); `description` shows amounts of an asset in whole units too.
public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var expected: String
    public var actual: String
    /// The asset the values are amounts of, when they are.
    public var asset: Asset?

    public init(field: String, expected: String, actual: String, asset: Asset? = nil) {
        self.field = field
        self.expected = expected
        self.actual = actual
        self.asset = asset
    }

    public var description: String { "\(field): expected \(readable(expected)), actual \(readable(actual))" }

    /// A plain amount as `asset.describe` shows it; in an interval or sum, each amount in whole units.
    func readable(_ value: String) -> String {
        guard let asset else { return value }
        if let amount = Int128(value) { return asset.describe(amount) }
        var out = ""
        var digits = ""
        for c in value + " " {
            if c.isASCII, c.isNumber {
                digits.append(c)
                continue
            }
            if let amount = Int128(digits) { out += asset.format(amount) } else { out += digits }
            digits = ""
            out.append(c)
        }
        return String(out.dropLast())
    }
}

/// The state an action must leave, with the bounds the engine allows where SPEC makes a
/// value depend on other users: a holder's pool fees may exceed the expected value by at
/// most what its pool received in fees between the two reads (other users' mintings
/// credit every holder), never fall below it.
public struct StateExpectation: Sendable, Equatable {
    public var state: UserState
    /// Violations found while deriving the expectation (e.g. a pool paid outside its bounds).
    public var violations: [Mismatch] = []

    public init(state: UserState, violations: [Mismatch] = []) {
        self.state = state
        self.violations = violations
    }

    /// Every difference between this expectation and `actual`, named by field.
    public func mismatches(against actual: UserState) -> [Mismatch] {
        var out = violations
        func check(_ field: String, _ e: Int128, _ a: Int128, _ asset: Asset? = nil) {
            if e != a { out.append(Mismatch(field: field, expected: String(e), actual: String(a), asset: asset)) }
        }
        check("nat", state.nat, actual.nat, .nat)
        check("und", state.und, actual.und, .und)
        check("fund", state.fund, actual.fund, .fund)
        for agent in Set(state.pools.keys).union(actual.pools.keys).sorted() {
            let e = state.pools[agent] ?? PoolHolding()
            let a = actual.pools[agent] ?? PoolHolding()
            let field = "pool[\(agent.prefix(10))]"
            check("\(field).tokens", e.tokens, a.tokens)
            let baseline = state.poolsBefore[agent]?.feesReceived ?? state.feeBaselines[agent] ?? 0
            let growth = (actual.poolsAfter[agent]?.feesReceived ?? 0) - baseline
            if a.fees < e.fees || a.fees - e.fees > max(growth, 0) {
                out.append(Mismatch(field: "\(field).fees", expected: "\(e.fees) + [0, \(max(growth, 0))]",
                    actual: String(a.fees), asset: .fund))
            }
        }
        for (id, status) in state.reservations.sorted(by: { $0.key < $1.key }) where actual.reservations[id] != status {
            out.append(Mismatch(field: "reservation[\(id)].status", expected: status, actual: actual.reservations[id] ?? "missing"))
        }
        for (id, status) in state.redemptions.sorted(by: { $0.key < $1.key }) where actual.redemptions[id] != status {
            out.append(Mismatch(field: "redemption[\(id)].status", expected: status, actual: actual.redemptions[id] ?? "missing"))
        }
        return out
    }
}
