import Networks

extension LoadAction {
    /// Enters a random agent's pool with 1 to 50 NAT.
    public static let enterRandomPoolRandomAmount = LoadAction(.enterRandomPoolRandomAmount, condition: { $0.state.nat >= 60 * Units.nat }) { user in
        guard let agent = user.randomElement(user.agents) else { throw ActionFailure.unexpected("no public agents") }
        _ = try await PoolActions.enter(user, agent: agent.id, amount: user.random(Units.nat...(50 * Units.nat)))
    }

    /// Exits a random number of unlocked tokens from a pool, within its exit ratio.
    public static let exitRandomPoolRandomAmount = LoadAction(.exitRandomPoolRandomAmount, condition: { !PoolActions.exitable($0).isEmpty }) { user in
        guard let (agent, maxTokens) = user.randomElement(PoolActions.exitable(user)) else { return }
        try await PoolActions.exit(user, agent: agent, tokens: user.random(1...maxTokens))
    }

    /// Withdraws a random amount of the FUND fees a pool credited to the user.
    public static let withdrawRandomPoolFees = LoadAction(.withdrawRandomPoolFees, condition: { user in user.state.pools.values.contains { $0.fees > 0 } }) { user in
        let withFees = user.state.pools.filter { $0.value.fees > 0 }.sorted { $0.key < $1.key }
        guard let (agent, holding) = user.randomElement(withFees) else { return }
        try await PoolActions.withdrawFees(user, agent: agent, amount: user.random(1...holding.fees))
    }
}

/// Collateral pool actions of seed 000: enter, exit within the exit ratio, withdraw fees.
public enum PoolActions {
    /// Pools where the user can exit now, with the most tokens it may exit: unlocked tokens,
    /// and no more than keeps the pool 20 % above its exit ratio at the last read (other
    /// users' mintings raise the backed value in the meantime).
    static func exitable(_ user: LoadUser) -> [(String, Int128)] {
        user.state.pools.sorted { $0.key < $1.key }.compactMap { agent, holding in
            guard holding.unlockedTokens > 0, let pool = user.state.poolsAfter[agent] else { return nil }
            let tokens = min(holding.unlockedTokens, user.settings.exitableTokens(pool: pool, agent: user.state.agents[agent], marginPercent: 20))
            return tokens > 0 ? (agent, tokens) : nil
        }
    }

    /// Enters `agent`'s pool with `amount` wei; returns the tokens received: the growth of
    /// the user's own position (only it changes that), not a figure SPEC leaves to the node.
    public static func enter(_ user: LoadUser, agent: String, amount: Int128) async throws -> Int128 {
        user.pools.insert(agent)
        user.effects.touchedPools.insert(agent)
        let (held, before) = try await reads(user, [.holding(agent), .pool(agent)])
        let receipt = try await user.send(AssetManager.poolEnter(poolID(user, agent), amount: amount), phase: "enter")
        let (heldAfter, after) = try await reads(user, [.pool(agent), .holding(agent)])
        let tokens = heldAfter - held
        user.effects.poolEntries.append(Effects.PoolMove(agent: agent, nat: amount, tokens: tokens, before: before, after: after,
            unlockAt: receipt.timestamp + user.settings.poolTokenTimelock))
        return tokens
    }

    /// Exits `tokens` from `agent`'s pool. The NAT paid is the growth of the user's balance
    /// with SPEC's fee of the exit added back.
    public static func exit(_ user: LoadUser, agent: String, tokens: Int128) async throws {
        user.effects.touchedPools.insert(agent)
        let (natBefore, before) = try await reads(user, [.nat, .pool(agent)])
        let feesBefore = user.effects.gasFees
        try await user.send(AssetManager.poolExit(poolID(user, agent), tokens: tokens), phase: "exit")
        let (natAfter, after) = try await reads(user, [.pool(agent), .nat])
        let paid = natAfter - natBefore + (user.effects.gasFees - feesBefore)
        user.effects.poolExits.append(Effects.PoolMove(agent: agent, nat: paid, tokens: tokens, before: before, after: after))
    }

    public static func withdrawFees(_ user: LoadUser, agent: String, amount: Int128) async throws {
        try await user.send(AssetManager.poolWithdrawFees(poolID(user, agent), amount: amount), phase: "withdraw-fees")
        user.effects.feeWithdrawals.append((agent, amount))
    }

    /// A read around an entry or exit: the user's tokens in a pool, its NAT balance, or the pool's totals.
    enum Read {
        case holding(String), nat, pool(String)
    }

    /// Reads one amount (tokens or NAT) and one pool's totals in one JSON-RPC batch, in the
    /// order given: the reads an entry or exit makes before its transaction, or after it.
    static func reads(_ user: LoadUser, _ items: [Read]) async throws -> (Int128, Effects.PoolTotals) {
        let calls = items.map { item -> (method: String, params: JSON) in
            switch item {
            case .holding(let agent):
                ("nat_call", Call(contract: user.asset.id, method: "get_pool_holder",
                    args: ["agent": .string(agent), "holder": .string(user.address)]).json)
            case .nat: ("nat_getBalance", ["address": .string(user.address)])
            case .pool(let agent): ("nat_call", Call(contract: user.asset.id, method: "get_pool", args: ["agent": .string(agent)]).json)
            }
        }
        let results = try await user.native.chain.rpc.batch(calls)
        var amount: Int128?
        var totals: Effects.PoolTotals?
        for (item, result) in zip(items, results) {
            let json = try result.get()
            switch item {
            case .holding: amount = try PoolHolding(json: json).tokens
            case .nat: amount = try NativeChain.amount(json, "nat_getBalance")
            case .pool: totals = Effects.PoolTotals(try PoolInfo(json: json))
            }
        }
        guard let amount, let totals, results.count == items.count else { throw DecodingFailure("pool reads: too few answers") }
        return (amount, totals)
    }

    static func poolID(_ user: LoadUser, _ agent: String) throws -> String {
        guard let pool = user.agents.first(where: { $0.id == agent })?.pool else { throw ActionFailure.unexpected("unknown agent \(agent)") }
        return pool
    }
}
