import Devnet
import Networks
import Testing

/// SPEC 6 redemption: placing lots on agents, burning FUND, the bot's payment on
/// PAY_REDEMPTIONS, and defaults paid from the agent's vault.
@Suite("Devnet asset redemption")
struct AssetRedemptionTests {

    /// Sends `redeem` and decodes its result; fails the test if it reverted.
    static func redeem(_ t: AssetNode, _ account: Account, lots: Int64, agent: String? = nil) async throws -> RedeemResult {
        let receipt = try await account.send(t.asset.redeem(lots: lots, agent: agent))
        #expect(receipt.gasUsed == AssetSpec.redeemGas)
        guard receipt.status == .success, let result = receipt.result else { throw DecodingFailure("redeem reverted: \(receipt.json)") }
        return try RedeemResult(json: result)
    }

    /// Checks one request's SPEC fields.
    static func expectRequest(_ r: RedemptionRequest?, agent: String, lots: Int64, deadline: Int64,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        guard let r else { Issue.record("missing request", sourceLocation: sourceLocation); return }
        let value = Int128(lots) * AssetSpec.lotSize
        #expect(r.agent == agent && r.lots == lots, "\(r)", sourceLocation: sourceLocation)
        #expect(r.valueUBA == value && r.feeUBA == AssetSpec.redemptionFee(value), sourceLocation: sourceLocation)
        #expect(r.payUBA == value - AssetSpec.redemptionFee(value), sourceLocation: sourceLocation)
        #expect(r.deadline == deadline && r.paymentReference.count == 64, sourceLocation: sourceLocation)
    }

    @Test("redeem draws from public agents in ascending id order, each up to its minted lots")
    func publicOrder() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agents = try await t.asset.agents()
        #expect(agents.map(\.id) == agents.map(\.id).sorted(), "get_agents lists public agents by id")
        // Minted out of id order on purpose: the fee-150 agent is not necessarily first.
        try await t.mint(1, on: agents[4].id, by: alice, payer: aliceUnd)
        try await t.mint(1, on: agents[2].id, by: alice, payer: aliceUnd)
        try await t.mint(2, on: agents[0].id, by: alice, payer: aliceUnd)
        let supplyBefore = try await t.asset.fundSupply()

        let result = try await Self.redeem(t, alice, lots: 3)
        #expect(result.remainingLots == 0)
        #expect(result.requests.count == 2)
        Self.expectRequest(result.requests.first, agent: agents[0].id, lots: 2, deadline: AssetNode.start + 600)
        Self.expectRequest(result.requests.last, agent: agents[2].id, lots: 1, deadline: AssetNode.start + 600)
        #expect(Set(result.requests.map(\.paymentReference)).count == 2, "each request has its own reference")
        #expect(try await t.asset.fundBalance(of: alice.address) == AssetSpec.lotSize, "3 of 4 lots burned")
        let supply = try await t.asset.fundSupply()
        #expect(supply.totalSupply == supplyBefore.totalSupply - 3 * AssetSpec.lotSize && supply.burned == 3 * AssetSpec.lotSize)
        let first = try await t.asset.agent(agents[0].id)
        #expect(first.mintedLots == 0 && first.redeemingLots == 2 && first.redeemedLots == 2)
        #expect(try await t.asset.agent(agents[4].id).mintedLots == 1, "the last agent in id order is not drawn from")
        for request in result.requests {
            #expect(try await t.asset.redemption(request.requestID).status == "PENDING")
        }
    }

    @Test("redeem on a named agent places what it has minted; the rest of the FUND stays with the redeemer")
    func namedAgent() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let a = try await t.agent(fee: 50)
        let b = try await t.agent(fee: 100)
        try await t.mint(1, on: a.id, by: alice, payer: aliceUnd)
        try await t.mint(2, on: b.id, by: alice, payer: aliceUnd)
        let result = try await Self.redeem(t, alice, lots: 3, agent: a.id)
        #expect(result.requests.count == 1 && result.remainingLots == 2)
        Self.expectRequest(result.requests.first, agent: a.id, lots: 1, deadline: AssetNode.start + 600)
        #expect(try await t.asset.fundBalance(of: alice.address) == 2 * AssetSpec.lotSize, "only the placed lot is burned")
        #expect(try await t.asset.fundSupply().burned == AssetSpec.lotSize)
        #expect(try await t.asset.agent(b.id).mintedLots == 2, "the other agent is untouched")
    }

    @Test("lots no public agent can take stay with the redeemer as remaining_lots")
    func publicRemaining() async throws {
        // One agent charging 100 % with the whole fee to an empty pool: alice, its only holder,
        // ends with 2 lots of FUND against 1 minted lot.
        let t = try AssetNode(genesis: try AssetNode.genesis(agents: [["fee_bips": 10_000, "pool_collateral": "0"]],
            asset: ["pool_fee_share_bips": 10_000]))
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 10_000)
        #expect(try await alice.send(AssetManager.poolEnter(agent.pool, amount: Units.nat)).status == .success)
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        #expect(try await alice.send(AssetManager.poolWithdrawFees(agent.pool, amount: AssetSpec.lotSize)).status == .success)
        #expect(try await t.asset.fundBalance(of: alice.address) == 2 * AssetSpec.lotSize)
        let result = try await Self.redeem(t, alice, lots: 2)
        #expect(result.requests.count == 1 && result.remainingLots == 1)
        #expect(try await t.asset.fundBalance(of: alice.address) == AssetSpec.lotSize)
        #expect(try await t.asset.fundSupply().totalSupply == AssetSpec.lotSize)
    }

    @Test("redeem refusals: InsufficientFund, NotPositiveLots, UnknownAgent change nothing but gas and nonce")
    func refusals() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        let gas = AssetSpec.redeemGas
        try await t.expectRevert(t.asset.redeem(lots: 2), by: alice, agent: agent.id, "InsufficientFund", gas: gas)
        try await t.expectRevert(t.asset.redeem(lots: 2, agent: agent.id), by: alice, agent: agent.id, "InsufficientFund", gas: gas)
        try await t.expectRevert(t.asset.redeem(lots: 0), by: alice, agent: agent.id, "NotPositiveLots", gas: gas)
        try await t.expectRevert(t.asset.redeem(lots: 1, agent: try TestKeys.stranger().address), by: alice, agent: agent.id,
            "UnknownAgent", gas: gas)
        let (bob, _) = try await t.user(try TestKeys.bob())
        try await t.expectRevert(t.asset.redeem(lots: 1), by: bob, agent: agent.id, "InsufficientFund", gas: gas)
    }
}
