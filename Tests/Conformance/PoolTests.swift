import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 6's collateral pools on agents the test owns: enter and exit formulas, the minimum
/// enter, the timelock, the exit ratio at its boundary, fees credited pro rata and withdrawn,
/// and transfers of unlocked tokens only.
@Suite("Conformance: SPEC 6 collateral pools", .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS"]),
    .timeLimit(.minutes(5)))
struct PoolTests {
    @Test("SPEC 6: enter mints `amount` tokens into an empty pool, floor(S·amount / C) otherwise, at least 1 NAT; each entry locked for the timelock")
    func enter() async throws {
        let desk = try await AssetDesk.begin()
        let s = desk.settings
        let agent = try await desk.agent(poolCollateral: 0)
        let first = try await desk.node.party(und: 0)
        let second = try await desk.node.party(und: 0)
        let empty = try await desk.asset.pool(ofAgent: agent.agent)
        try #require(empty.totalSupply == 0 && empty.totalCollateral == 0, "a pool created with no collateral is empty: \(empty)")

        let nat = try await desk.node.nat(first.address)
        let below = try await desk.pool(AssetManager.poolEnter(agent.pool, amount: s.poolMinimumEnter - 1), by: first)
        #expect(below.status == .reverted, "below the minimum enter: \(below.json)")
        #expect(try await desk.node.nat(first.address) == nat - (try specFee(.pool, "enter")), "only gas")

        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 7 * Units.nat), by: first).status == .success)
        let holding = try await desk.asset.poolHolding(agent: agent.agent, holder: first.address)
        #expect(holding.tokens == 7 * Units.nat && holding.unlockedTokens == 0, "the first entry mints `amount`, locked: \(holding)")
        // Rewards change C without S, so the second entry's formula has a remainder.
        try await desk.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool)
        let pool = try await desk.asset.pool(ofAgent: agent.agent)
        #expect(pool.totalCollateral == 7 * Units.nat + SpecAsset.poolReward(totalCollateral: 7 * Units.nat))
        let amount = 3 * Units.nat + 1
        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: amount), by: second).status == .success)
        #expect(try await desk.asset.poolHolding(agent: agent.agent, holder: second.address).tokens
            == SpecAsset.enterTokens(amount: amount, totalCollateral: pool.totalCollateral, totalSupply: pool.totalSupply))
        let after = try await desk.asset.pool(ofAgent: agent.agent)
        #expect(after.totalCollateral == pool.totalCollateral + amount)
    }

    @Test("SPEC 6: locked tokens can neither exit nor move; after the timelock exit pays floor(C·tokens / S)")
    func timelock() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(poolCollateral: 50 * Units.nat)
        let holder = try await desk.node.party(und: 0)
        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 10 * Units.nat), by: holder).status == .success)
        let tokens = try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).tokens
        let nat = try await desk.node.nat(holder.address)
        #expect(try await desk.pool(AssetManager.poolExit(agent.pool, tokens: 1), by: holder).status == .reverted, "exit of locked tokens")
        #expect(try await desk.pool(AssetManager.poolTransfer(agent.pool, to: KeyPair().address, tokens: 1), by: holder).status == .reverted,
            "transfer of locked tokens")
        #expect(try await desk.node.nat(holder.address) == nat - (try specFee(.pool, "exit")) - (try specFee(.pool, "transfer")))
        #expect(try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).tokens == tokens)

        let unlocked = try await desk.waitUnlocked(tokens, agent: agent.agent, holder: holder.address)
        #expect(unlocked.unlockedTokens == tokens, "exactly the entry unlocks")
        let pool = try await desk.asset.pool(ofAgent: agent.agent)
        let before = try await desk.node.nat(holder.address)
        try #require(try await desk.pool(AssetManager.poolExit(agent.pool, tokens: tokens), by: holder).status == .success)
        let paid = SpecAsset.exitPayment(tokens: tokens, totalCollateral: pool.totalCollateral, totalSupply: pool.totalSupply)
        #expect(try await desk.node.nat(holder.address) == before + paid - (try specFee(.pool, "exit")))
        let after = try await desk.asset.pool(ofAgent: agent.agent)
        #expect(after.totalCollateral == pool.totalCollateral - paid && after.totalSupply == pool.totalSupply - tokens)
    }

    @Test("SPEC 6: an exit that would leave the collateral under the exit ratio of the backed value is refused; exactly at the ratio passes")
    func exitRatio() async throws {
        let desk = try await AssetDesk.begin()
        let s = desk.settings
        let agent = try await desk.agent(feeBips: 0, freeLots: 10, poolCollateral: 100 * Units.nat)
        let holder = try await desk.node.party(nat: 2_000 * Units.nat)
        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 1_000 * Units.nat), by: holder).status == .success)
        try await desk.mint(1, of: agent.agent, by: holder)
        let tokens = try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).tokens
        try await desk.waitUnlocked(tokens, agent: agent.agent, holder: holder.address)
        let pool = try await desk.asset.pool(ofAgent: agent.agent)
        try #require(pool.totalCollateral == pool.totalSupply, "one token per wei so far: \(pool)")
        let floor = SpecAsset.exitFloor(backedLots: 1, s)
        let allowed = pool.totalCollateral - floor  // one token pays one wei here
        try #require(allowed > 0 && allowed < tokens, "the ratio binds: C \(pool.totalCollateral), floor \(floor), tokens \(tokens)")

        let nat = try await desk.node.nat(holder.address)
        let over = try await desk.pool(AssetManager.poolExit(agent.pool, tokens: allowed + 1), by: holder)
        #expect(over.status == .reverted, "1 wei under the ratio: \(over.json)")
        #expect(try await desk.node.nat(holder.address) == nat - (try specFee(.pool, "exit")), "only gas")
        #expect(try await desk.asset.pool(ofAgent: agent.agent).totalCollateral == pool.totalCollateral)
        let exact = try await desk.pool(AssetManager.poolExit(agent.pool, tokens: allowed), by: holder)
        #expect(exact.status == .success, "exactly at the ratio: \(exact.json)")
        #expect(try await desk.asset.pool(ofAgent: agent.agent).totalCollateral == floor)
    }

    @Test("SPEC 6: pool fees are credited pro rata, floored; withdraw_fees pays at most the holder's fees in FUND")
    func fees() async throws {
        let desk = try await AssetDesk.begin()
        let s = desk.settings
        let agent = try await desk.agent(feeBips: 333, freeLots: 20, poolCollateral: 70 * Units.nat)
        let holder = try await desk.node.party()
        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 30 * Units.nat + 7), by: holder).status == .success)
        let pool = try await desk.asset.pool(ofAgent: agent.agent)
        let tokens = try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).tokens
        let r = try await desk.mint(3, of: agent.agent, by: holder)
        let poolFee = SpecAsset.poolFeeUBA(feeUBA: r.feeUBA, s)
        let fees = SpecAsset.holderFee(poolFeeUBA: poolFee, tokens: tokens, totalSupply: pool.totalSupply)
        #expect(try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).fees == fees, "locked tokens earn too")
        let fund = try await desk.asset.fundBalance(of: holder.address)
        let nat = try await desk.node.nat(holder.address)
        #expect(try await desk.pool(AssetManager.poolWithdrawFees(agent.pool, amount: fees + 1), by: holder).status == .reverted, "more than credited")
        #expect(try await desk.node.nat(holder.address) == nat - (try specFee(.pool, "withdraw_fees")))
        #expect(try await desk.asset.fundBalance(of: holder.address) == fund)
        try #require(try await desk.pool(AssetManager.poolWithdrawFees(agent.pool, amount: fees - 1), by: holder).status == .success)
        #expect(try await desk.asset.fundBalance(of: holder.address) == fund + fees - 1)
        #expect(try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).fees == 1)
    }

    @Test("SPEC 6: transfer moves unlocked tokens; the fees already credited stay with the sender")
    func transfer() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(feeBips: 500, freeLots: 20, poolCollateral: 10 * Units.nat)
        let holder = try await desk.node.party()
        let receiver = KeyPair().address
        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 10 * Units.nat), by: holder).status == .success)
        try await desk.mint(2, of: agent.agent, by: holder)
        let credited = try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address)
        try #require(credited.fees > 0)
        try await desk.waitUnlocked(credited.tokens, agent: agent.agent, holder: holder.address)
        let moved = credited.tokens / 3
        try #require(try await desk.pool(AssetManager.poolTransfer(agent.pool, to: receiver, tokens: moved), by: holder).status == .success)
        let sender = try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address)
        let got = try await desk.asset.poolHolding(agent: agent.agent, holder: receiver)
        #expect(sender.tokens == credited.tokens - moved && got.tokens == moved, "sender \(sender), receiver \(got)")
        #expect(sender.fees == credited.fees && got.fees == 0, "credited fees stay with the sender")
        let nat = try await desk.node.nat(holder.address)
        #expect(try await desk.pool(AssetManager.poolTransfer(agent.pool, to: receiver, tokens: sender.tokens + 1), by: holder).status == .reverted,
            "more tokens than held")
        #expect(try await desk.node.nat(holder.address) == nat - (try specFee(.pool, "transfer")))
    }
}
