import Devnet
import Networks
import Testing

/// SPEC 6 collateral pools: enter and exit at the pool's price, the token timelock and
/// the exit collateral ratio.
@Suite("Devnet collateral pools")
struct CollateralPoolTests {
    /// The first midnight after `AssetNode.start` (2023-11-15 00:00:00 UTC).
    static let midnight: Int64 = 1_700_006_400

    @Test("enter mints floor(S·amount/C) locked tokens; exit after the timelock pays floor(C·t/S)")
    func enterAndExit() async throws {
        // Opened 10 s before midnight, so ACCRUE_POOL_REWARDS makes C differ from S.
        let t = try AssetNode(start: Self.midnight - 10)
        let (alice, _) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 75)
        t.clock.set(Self.midnight)
        let pool = try await t.asset.pool(ofAgent: agent.id)
        #expect(pool.totalCollateral == AssetSpec.genesisPool + AssetSpec.genesisPool * 2 / 10_000)
        #expect(pool.totalSupply == AssetSpec.genesisPool)

        let amount = 3 * Units.nat + 7
        let tokens = floorMulDiv(pool.totalSupply, amount, pool.totalCollateral)
        #expect(tokens < amount, "the pool's price is above 1 after rewards")
        let nat = try await alice.balance()
        let entered = try await alice.send(AssetManager.poolEnter(agent.pool, amount: amount))
        #expect(entered.status == .success && entered.gasUsed == AssetSpec.enterGas, "\(entered.json)")
        #expect(entered.result?["tokens"] == Amount.wire(tokens))
        #expect(entered.result?["unlock_at"] == .int(Self.midnight + 10))
        #expect(try await alice.balance() == nat - amount - Spec.fee(gas: AssetSpec.enterGas))
        let inPool = try await t.asset.pool(ofAgent: agent.id)
        #expect(inPool.totalCollateral == pool.totalCollateral + amount && inPool.totalSupply == pool.totalSupply + tokens)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address)
            == PoolHolding(tokens: tokens, unlockedTokens: 0, locks: [PoolLock(tokens: tokens, unlockAt: Self.midnight + 10)]))

        t.clock.set(Self.midnight + 9)
        try await t.expectRevert(AssetManager.poolExit(agent.pool, tokens: tokens), by: alice, agent: agent.id,
            "TokensLocked", contract: "collateral_pool", gas: AssetSpec.exitGas)
        t.clock.set(Self.midnight + 10)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address).unlockedTokens == tokens)
        let paid = floorMulDiv(inPool.totalCollateral, tokens, inPool.totalSupply)
        let before = try await alice.balance()
        let exited = try await alice.send(AssetManager.poolExit(agent.pool, tokens: tokens))
        #expect(exited.status == .success && exited.gasUsed == AssetSpec.exitGas, "\(exited.json)")
        #expect(exited.result?["nat_paid"] == Amount.wire(paid))
        #expect(paid < amount, "rounding favours the pool")
        #expect(try await alice.balance() == before + paid - Spec.fee(gas: AssetSpec.exitGas))
        let after = try await t.asset.pool(ofAgent: agent.id)
        #expect(after.totalCollateral == inPool.totalCollateral - paid && after.totalSupply == pool.totalSupply)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address) == PoolHolding())
    }

    @Test("enter and exit refusals name the cause and change nothing but gas and nonce")
    func refusals() async throws {
        let t = try AssetNode()
        let (alice, _) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        let pool = "collateral_pool"
        try await t.expectRevert(AssetManager.poolEnter(agent.pool, amount: Units.nat - 1), by: alice, agent: agent.id,
            "BelowMinimumEnter", contract: pool, gas: AssetSpec.enterGas)
        #expect(try await alice.send(AssetManager.poolEnter(agent.pool, amount: Units.nat)).status == .success, "1 NAT is enough")
        t.clock.advance(by: 10)
        try await t.expectRevert(AssetManager.poolExit(agent.pool, tokens: Units.nat + 1), by: alice, agent: agent.id,
            "NotEnoughTokens", contract: pool, gas: AssetSpec.exitGas)
        try await t.expectRevert(AssetManager.poolExit(agent.pool, tokens: 0), by: alice, agent: agent.id,
            "NotPositiveAmount", contract: pool, gas: AssetSpec.exitGas)
    }

    @Test("an exit that would leave less than 250 % of the backed value is refused, exactly at the boundary")
    func exitRatio() async throws {
        let t = try AssetNode(genesis: try AssetNode.genesis(agents: [["fee_bips": 100, "pool_collateral": "0"]]))
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 100)
        let entered = try await alice.send(AssetManager.poolEnter(agent.pool, amount: 600 * Units.nat))
        #expect(entered.result?["tokens"] == Amount.wire(600 * Units.nat), "an empty pool mints tokens 1:1")
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        let pool = try await t.asset.pool(ofAgent: agent.id)
        #expect(pool.backedValue == 200 * Units.nat, "1 lot = 10 UND = 200 NAT; the pool must keep 500 NAT")
        t.clock.advance(by: 10)
        try await t.expectRevert(AssetManager.poolExit(agent.pool, tokens: 100 * Units.nat + 1), by: alice, agent: agent.id,
            "ExitCollateralRatioViolated", contract: "collateral_pool", gas: AssetSpec.exitGas)
        let exited = try await alice.send(AssetManager.poolExit(agent.pool, tokens: 100 * Units.nat))
        #expect(exited.status == .success, "leaving exactly 500 NAT is allowed: \(exited.json)")
        #expect(try await t.asset.pool(ofAgent: agent.id).totalCollateral == 500 * Units.nat)
        try await t.expectRevert(AssetManager.poolExit(agent.pool, tokens: 1), by: alice, agent: agent.id,
            "ExitCollateralRatioViolated", contract: "collateral_pool", gas: AssetSpec.exitGas)
    }

    @Test("a pool left with 1 token and 1 wei still takes entries at its price")
    func tinyPool() async throws {
        let t = try AssetNode(genesis: try AssetNode.genesis(agents: [["fee_bips": 100, "pool_collateral": "0"]]))
        let (alice, _) = try await t.user(try TestKeys.alice())
        let (bob, _) = try await t.user(try TestKeys.bob())
        let agent = try await t.agent(fee: 100)
        #expect(try await alice.send(AssetManager.poolEnter(agent.pool, amount: Units.nat)).status == .success)
        t.clock.advance(by: 10)
        #expect(try await alice.send(AssetManager.poolExit(agent.pool, tokens: Units.nat - 1)).status == .success)
        let pool = try await t.asset.pool(ofAgent: agent.id)
        #expect(pool.totalCollateral == 1 && pool.totalSupply == 1)
        let entered = try await bob.send(AssetManager.poolEnter(agent.pool, amount: Units.nat))
        #expect(entered.status == .success, "floor(1 · 10^18 / 1) = 10^18 tokens: \(entered.json)")
        #expect(entered.result?["tokens"] == Amount.wire(Units.nat))
    }
}
