import Devnet
import Networks
import Testing

/// Pool fees credited pro rata and withdrawn in FUND, pool token transfers, FUND transfers (SPEC 6).
extension CollateralPoolTests {
    /// Alice holds `stake` NAT in the fee-150 agent's pool next to the agent's 1_000_000; bob mints 5 lots there.
    static func feePool(stake: Int128) async throws -> (AssetNode, Account, Account, UnderlyingAccount, AgentInfo) {
        let t = try AssetNode()
        let (alice, _) = try await t.user(try TestKeys.alice(), nat: stake + 1_000 * Units.nat)
        let (bob, bobUnd) = try await t.user(try TestKeys.bob())
        let agent = try await t.agent(fee: 150)
        #expect(try await alice.send(AssetManager.poolEnter(agent.pool, amount: stake)).status == .success)
        try await t.mint(5, on: agent.id, by: bob, payer: bobUnd)
        return (t, alice, bob, bobUnd, agent)
    }

    @Test("a minting's pool fee is credited to holders pro rata, each floored, and withdrawn in FUND")
    func feesProRata() async throws {
        let stake = 333_333 * Units.nat
        let (t, alice, bob, _, agent) = try await Self.feePool(stake: stake)
        let poolFee = AssetSpec.poolFee(AssetSpec.mintingFee(lots: 5, bips: 150))
        #expect(poolFee == 300_000)
        let supply = AssetSpec.genesisPool + stake
        let agentFees = floorMulDiv(poolFee, AssetSpec.genesisPool, supply)
        let aliceFees = floorMulDiv(poolFee, stake, supply)
        #expect(agentFees == 225_000 && aliceFees == 74_999, "floors leave 1 uba in the pool")
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: agent.id).fees == agentFees)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address).fees == aliceFees)
        #expect(try await t.asset.pool(ofAgent: agent.id).fundBalance == poolFee, "the remainder stays in the pool")

        let pool = "collateral_pool"
        let gas = AssetSpec.withdrawFeesGas
        try await t.expectRevert(AssetManager.poolWithdrawFees(agent.pool, amount: aliceFees + 1), by: alice, agent: agent.id,
            "NotEnoughFees", contract: pool, gas: gas)
        try await t.expectRevert(AssetManager.poolWithdrawFees(agent.pool, amount: 0), by: alice, agent: agent.id,
            "NotPositiveAmount", contract: pool, gas: gas)
        try await t.expectRevert(AssetManager.poolWithdrawFees(agent.pool, amount: 1), by: bob, agent: agent.id,
            "NotEnoughFees", contract: pool, gas: gas)
        let withdrawn = try await alice.send(AssetManager.poolWithdrawFees(agent.pool, amount: aliceFees))
        #expect(withdrawn.status == .success && withdrawn.gasUsed == gas, "\(withdrawn.json)")
        #expect(try await t.asset.fundBalance(of: alice.address) == aliceFees)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address).fees == 0)
        #expect(try await t.asset.pool(ofAgent: agent.id).fundBalance == poolFee - aliceFees)
        #expect(try await t.asset.fundSupply().totalSupply == 5 * AssetSpec.lotSize + poolFee, "a withdrawal mints nothing")
        try await t.expectRevert(AssetManager.poolWithdrawFees(agent.pool, amount: 1), by: alice, agent: agent.id,
            "NotEnoughFees", contract: pool, gas: gas)
    }

    @Test("unlocked pool tokens move to another address; fees already credited stay with the sender")
    func tokenTransfer() async throws {
        let stake = 500_000 * Units.nat
        let (t, alice, bob, bobUnd, agent) = try await Self.feePool(stake: stake)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address).fees == 100_000)
        let pool = "collateral_pool"
        let gas = AssetSpec.poolTransferGas
        let moved = 200_000 * Units.nat
        try await t.expectRevert(AssetManager.poolTransfer(agent.pool, to: bob.address, tokens: moved), by: alice, agent: agent.id,
            "TokensLocked", contract: pool, gas: gas)
        t.clock.advance(by: 10)
        try await t.expectRevert(AssetManager.poolTransfer(agent.pool, to: alice.address, tokens: moved), by: alice, agent: agent.id,
            "SelfTransfer", contract: pool, gas: gas)
        try await t.expectRevert(AssetManager.poolTransfer(agent.pool, to: bob.address, tokens: stake + 1), by: alice, agent: agent.id,
            "NotEnoughTokens", contract: pool, gas: gas)
        try await t.expectRevert(AssetManager.poolTransfer(agent.pool, to: bob.address, tokens: 0), by: alice, agent: agent.id,
            "NotPositiveAmount", contract: pool, gas: gas)
        let sent = try await alice.send(AssetManager.poolTransfer(agent.pool, to: bob.address, tokens: moved))
        #expect(sent.status == .success && sent.gasUsed == gas, "\(sent.json)")
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address)
            == PoolHolding(tokens: stake - moved, unlockedTokens: stake - moved, fees: 100_000))
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: bob.address)
            == PoolHolding(tokens: moved, unlockedTokens: moved, fees: 0), "the recipient's tokens are unlocked, with no fees")
        #expect(try await t.asset.pool(ofAgent: agent.id).totalSupply == AssetSpec.genesisPool + stake)
        // The next pool fee (300_000) follows the new holdings: 1_000_000 : 300_000 : 200_000.
        try await t.mint(5, on: agent.id, by: bob, payer: bobUnd)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: alice.address).fees == 100_000 + 60_000)
        #expect(try await t.asset.poolHolding(agent: agent.id, holder: bob.address).fees == 40_000)
    }

    @Test("FUND transfer moves uba for 50_000 gas; zero and overdrawn transfers revert")
    func fundTransfer() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let (bob, _) = try await t.user(try TestKeys.bob())
        let agent = try await t.agent(fee: 25)
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        let gas = AssetSpec.fundTransferGas
        try await t.expectRevert(t.asset.fundTransfer(to: bob.address, amount: AssetSpec.lotSize + 1), by: alice, agent: agent.id,
            "InsufficientBalance", contract: "fund", gas: gas)
        try await t.expectRevert(t.asset.fundTransfer(to: bob.address, amount: 0), by: alice, agent: agent.id,
            "NotPositiveAmount", contract: "fund", gas: gas)
        let supply = try await t.asset.fundSupply()
        let nat = try await alice.balance()
        let sent = try await alice.send(t.asset.fundTransfer(to: bob.address, amount: 3_000_001))
        #expect(sent.status == .success && sent.gasUsed == gas && sent.fee == Spec.fee(gas: gas), "\(sent.json)")
        #expect(sent.events.map(\.type) == ["FundTransfer"])
        #expect(try await alice.balance() == nat - Spec.fee(gas: gas))
        #expect(try await t.asset.fundBalance(of: alice.address) == AssetSpec.lotSize - 3_000_001)
        #expect(try await t.asset.fundBalance(of: bob.address) == 3_000_001)
        let after = try await t.asset.fundSupply()
        #expect(after.totalSupply == supply.totalSupply && after.minted == supply.minted && after.burned == supply.burned,
            "a transfer mints and burns nothing: \(supply) → \(after)")
    }
}
