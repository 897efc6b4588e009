import Networks

extension LoadAction {
    /// On one agent: enter its pool, mint, redeem those lots, wait for the unlock, exit and withdraw the fees.
    public static let scenario1 = LoadAction(.scenario1, condition: { MintActions.canMint($0) && $0.state.nat >= 60 * Units.nat }) { user in
        guard let agent = user.randomElement(user.agents) else { throw ActionFailure.unexpected("no public agents") }
        let tokens = try await PoolActions.enter(user, agent: agent.id, amount: user.random(Units.nat...(50 * Units.nat)))
        let lots = MintActions.lots(user)
        try await MintActions.mint(user, agent: agent, lots: lots, executeNow: true)
        try await RedeemActions.redeem(user, lots: lots, agent: agent.id)
        let holding = try await ScenarioActions.waitForUnlock(user, agent: agent.id, tokens: tokens)
        if try await ScenarioActions.canExit(user, agent: agent.id, tokens: holding.tokens) {
            try await PoolActions.exit(user, agent: agent.id, tokens: holding.tokens)
        }
        let fees = try await user.asset.poolHolding(agent: agent.id, holder: user.address).fees
        if fees > 0 { try await PoolActions.withdrawFees(user, agent: agent.id, amount: fees) }
    }

    /// Enters a pool, waits for the unlock, transfers the tokens to the partner, who exits them.
    public static let scenario2 = LoadAction(.scenario2, involvesPartner: true, condition: { $0.partner != nil && $0.state.nat >= 60 * Units.nat }) { user in
        guard let partner = user.partner, let agent = user.randomElement(user.agents) else { return }
        let tokens = try await PoolActions.enter(user, agent: agent.id, amount: user.random(Units.nat...(50 * Units.nat)))
        _ = try await ScenarioActions.waitForUnlock(user, agent: agent.id, tokens: tokens)
        try await user.send(AssetManager.poolTransfer(try PoolActions.poolID(user, agent.id), to: partner.address, tokens: tokens),
            phase: "transfer-to-partner")
        user.effects.tokensSent.append((agent.id, tokens))
        partner.pools.insert(agent.id)
        partner.effects.tokensSent.append((agent.id, -tokens))
        try partner.save()
        if try await ScenarioActions.canExit(user, agent: agent.id, tokens: tokens) {
            try await PoolActions.exit(partner, agent: agent.id, tokens: tokens)
        }
    }
}

/// Seed 000's scenarios: several steps on one agent's pool, checked as one action.
public enum ScenarioActions {
    /// Whether exiting `tokens` keeps the pool 20 % above its exit ratio, by the pool and its agent now.
    static func canExit(_ user: LoadUser, agent: String, tokens: Int128) async throws -> Bool {
        let pool = try await user.asset.pool(ofAgent: agent)
        let info = try await user.asset.agent(agent)
        return tokens > 0 && tokens <= user.settings.exitableTokens(pool: pool, agent: info, marginPercent: 20)
    }

    /// Waits for the pool's timelock to release the user's whole position (at least `tokens`):
    /// older unlocked tokens must not stand in for the ones just entered.
    static func waitForUnlock(_ user: LoadUser, agent: String, tokens: Int128) async throws -> PoolHolding {
        let asset = user.asset
        let address = user.address
        let start = ContinuousClock.now
        let timeout = Duration.seconds(user.settings.poolTokenTimelock + 30)
        user.enter(phase: "await-unlock")
        let holding = try await Retry(timeout: timeout, interval: .milliseconds(500), backoff: 1.2, maxInterval: .seconds(2)).run(
            "\(tokens) pool tokens of \(user.record.label) to unlock",
            attempt: { try await asset.poolHolding(agent: agent, holder: address) },
            until: { $0.unlockedTokens >= tokens && $0.unlockedTokens == $0.tokens })
        user.opLog?.write("OP_WATCH user=\(user.record.label) action=\(user.currentAction) phase=await-unlock ms=\(milliseconds(since: start))")
        return holding
    }
}
