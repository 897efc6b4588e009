import Networks

/// What the load engine checks about a user after every action: balances on both chains,
/// FUND, pool positions, and the status of its pending reservations and redemptions.
public struct UserState: Sendable, Equatable {
    public var nat: Int128 = 0
    public var und: Int128 = 0
    public var fund: Int128 = 0
    /// Positions by agent id, for every pool the user holds or touched.
    public var pools: [String: PoolHolding] = [:]
    /// Pool totals from before the holder positions were read (the run's latest read that had
    /// completed when the state read began) and read right after them, by agent id; they bound
    /// fee growth that other users' mintings cause (see `StateExpectation`).
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
    /// The bot's payment of each tracked request that has one (SPEC 9's `payment_hash`).
    public var paymentHashes: [Int64: String] = [:]
    /// The agents of the pools read, as `get_agent` reported them with the pools.
    public var agents: [String: AgentInfo] = [:]
    /// When the read began and ended, in seconds since 1970 by this machine's clock: what
    /// "now" was for the node while it answered (locks, deadlines).
    public var readStart: Double = 0
    public var readEnd: Double = 0

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
    /// The most tokens the holder had in each pool during the action: with the tokens after,
    /// they bound its share of the fees its pool received meanwhile.
    public var tokensBefore: [String: Int128] = [:]
    /// The locks the holder's pool tokens must have: before the action's, and one per entry.
    public var locks: [String: [PoolLock]] = [:]

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
            if let bound = feeBound(agent, actual: actual, expectedFees: e.fees, tokens: max(e.tokens, a.tokens)),
                a.fees < e.fees || a.fees - e.fees > bound
            {
                out.append(Mismatch(field: "\(field).fees", expected: "\(e.fees) + [0, \(bound)]", actual: String(a.fees), asset: .fund))
            }
            out += lockMismatches(field, expected: locks[agent] ?? [], actual: a, readStart: actual.readStart, readEnd: actual.readEnd)
        }
        for (id, status) in state.reservations.sorted(by: { $0.key < $1.key }) where actual.reservations[id] != status {
            out.append(Mismatch(field: "reservation[\(id)].status", expected: status, actual: actual.reservations[id] ?? "missing"))
        }
        for (id, status) in state.redemptions.sorted(by: { $0.key < $1.key }) where actual.redemptions[id] != status {
            out.append(Mismatch(field: "redemption[\(id)].status", expected: status, actual: actual.redemptions[id] ?? "missing"))
        }
        return out
    }

    /// The most fees a holder may have been credited between the two reads (SPEC 6: fees are
    /// credited pro rata): the pool's fee growth times its largest share of the pool in that
    /// window, rounded up, so no other user's minting can explain more.
    func feeBound(_ agent: String, actual: UserState, expectedFees: Int128, tokens: Int128) -> Int128? {
        let baseline = state.poolsBefore[agent]?.feesReceived ?? state.feeBaselines[agent] ?? 0
        let growth = max((actual.poolsAfter[agent]?.feesReceived ?? 0) - baseline, 0)
        let held = max(tokens, tokensBefore[agent] ?? 0)
        let supplies = [state.poolsBefore[agent]?.totalSupply, actual.poolsBefore[agent]?.totalSupply, actual.poolsAfter[agent]?.totalSupply]
            .compactMap { $0 }.filter { $0 > 0 }
        guard let smallest = supplies.min() else { return growth }
        let share = Amount.mulDiv(growth, held, smallest) ?? growth
        return min(growth, share + 1)
    }

    /// SPEC 6's timelock: the locks that are clearly running at the read (unlocking more than a
    /// second after it ended) must be the expected ones, and the unlocked tokens the rest. A
    /// lock that ends during the read is left alone: the node's now is not known better.
    func lockMismatches(_ field: String, expected: [PoolLock], actual a: PoolHolding, readStart: Double, readEnd: Double) -> [Mismatch] {
        guard readEnd > 0 else { return [] }
        let ambiguous = (expected + a.locks).contains { Double($0.unlockAt) > readStart - 1 && Double($0.unlockAt) <= readEnd + 1 }
        guard !ambiguous else { return [] }
        func running(_ locks: [PoolLock]) -> [PoolLock] {
            locks.filter { Double($0.unlockAt) > readEnd + 1 }.sorted { ($0.unlockAt, $0.tokens) < ($1.unlockAt, $1.tokens) }
        }
        let e = running(expected)
        var out: [Mismatch] = []
        if e != running(a.locks) {
            func text(_ l: [PoolLock]) -> String { "[" + l.map { "\($0.tokens)@\($0.unlockAt)" }.joined(separator: ", ") + "]" }
            out.append(Mismatch(field: "\(field).locks", expected: text(e), actual: text(running(a.locks))))
        }
        let unlocked = a.tokens - e.reduce(0) { $0 + $1.tokens }
        if a.unlockedTokens != unlocked {
            out.append(Mismatch(field: "\(field).unlocked_tokens", expected: String(unlocked), actual: String(a.unlockedTokens)))
        }
        return out
    }
}
