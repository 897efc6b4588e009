import Devnet
import Networks
import Testing

/// The agent bot's payment on PAY_REDEMPTIONS, failed payments, and defaults (SPEC 6, 7).
extension AssetRedemptionTests {
    /// Alice mints `lots` on the fee-50 agent and redeems them all from it at genesis time.
    static func redeemed(_ t: AssetNode, lots: Int64 = 2, blocked: Bool = false) async throws
        -> (alice: Account, aliceUnd: UnderlyingAccount, agent: AgentInfo, request: RedemptionRequest)
    {
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 50)
        try await t.mint(lots, on: agent.id, by: alice, payer: aliceUnd)
        if blocked { #expect(try await aliceUnd.setDepositBlocked(true).status == .success) }
        let result = try await redeem(t, alice, lots: lots, agent: agent.id)
        let request = try #require(result.requests.first)
        return (alice, aliceUnd, try await t.asset.agent(agent.id), request)
    }

    @Test("the bot pays pay_uba on the PAY_REDEMPTIONS run 5 s later; the lots return to free")
    func botPays() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd, agent, request) = try await Self.redeemed(t)
        let und = try await t.und.balance(of: aliceUnd.address)
        let agentUnd = try await t.und.balance(of: try #require(agent.paymentAddress))
        t.clock.advance(by: 4)
        #expect(try await t.asset.redemption(request.requestID).status == "PENDING", "no run is due 4 s after genesis")
        t.clock.advance(by: 1)
        let status = try await t.asset.redemption(request.requestID)
        #expect(status.status == "SUCCESSFUL" && !status.paymentFailed)
        #expect(try await t.und.balance(of: aliceUnd.address) == und + request.payUBA, "exactly pay_uba, no fee on the receiver")
        #expect(try await t.und.balance(of: try #require(agent.paymentAddress)) == agentUnd - request.payUBA - AssetSpec.undFee)
        let tx = try await t.und.transaction(try #require(status.paymentHash))
        #expect(tx.status == .success && tx.from == agent.paymentAddress && tx.to == aliceUnd.address)
        #expect(tx.amount == request.payUBA && tx.reference == request.paymentReference)
        let after = try await t.asset.agent(agent.id)
        #expect(after.redeemingLots == 0 && after.mintedLots == 0 && after.freeLots == AssetSpec.genesisFreeLots)
        #expect(after.vault == agent.vault, "a paid redemption leaves the vault alone")
        let paid = try await t.chain.events(since: 1, type: "RedemptionPaid").events
        #expect(paid.count == 1 && paid.first?.resource == agent.id)
        try await t.expectRevert(t.asset.redemptionPaymentDefault(requestID: request.requestID), by: alice, agent: agent.id,
            "RedemptionNotPending", gas: AssetSpec.defaultGas)
    }

    @Test("a payment into blocked deposits fails, the request stays PENDING and is not retried after unblocking")
    func blockedDeposits() async throws {
        let t = try AssetNode()
        let (_, aliceUnd, agent, request) = try await Self.redeemed(t, blocked: true)
        let und = try await t.und.balance(of: aliceUnd.address)
        let agentUnd = try await t.und.balance(of: try #require(agent.paymentAddress))
        t.clock.advance(by: 5)
        let failed = try await t.asset.redemption(request.requestID)
        #expect(failed.status == "PENDING" && failed.paymentFailed)
        let tx = try await t.und.transaction(try #require(failed.paymentHash))
        #expect(tx.status == .failed && tx.error == "DepositBlocked")
        #expect(try await t.und.balance(of: aliceUnd.address) == und)
        #expect(try await t.und.balance(of: try #require(agent.paymentAddress)) == agentUnd - AssetSpec.undFee, "the bot still paid the fee")
        #expect(try await t.chain.events(since: 1, type: "RedemptionPaymentFailed").events.count == 1)

        #expect(try await aliceUnd.setDepositBlocked(false).status == .success)
        t.clock.advance(by: 20)
        let later = try await t.asset.redemption(request.requestID)
        #expect(later == failed, "not retried: same status and payment")
        #expect(try await t.und.balance(of: aliceUnd.address) == und - AssetSpec.undFee, "only the unblocking fee")
        #expect(try await t.und.balance(of: try #require(agent.paymentAddress)) == agentUnd - AssetSpec.undFee)
        let agentNow = try await t.asset.agent(agent.id)
        #expect(agentNow.redeemingLots == 2 && agentNow.freeLots == AssetSpec.genesisFreeLots - 2)
    }

    @Test("a default after the deadline pays exactly value·wei_per_uba·110 % from the vault, once")
    func defaultPays() async throws {
        let t = try AssetNode()
        let (alice, _, agent, request) = try await Self.redeemed(t, blocked: true)
        let premium = AssetSpec.defaultPayment(request.valueUBA)
        #expect(premium == 440 * Units.nat, "2 lots = 20 UND = 400 NAT, plus 10 %")
        t.clock.set(request.deadline + 1)
        let nat = try await alice.balance()
        let receipt = try await alice.send(t.asset.redemptionPaymentDefault(requestID: request.requestID))
        #expect(receipt.status == .success && receipt.gasUsed == AssetSpec.defaultGas, "\(receipt.json)")
        #expect(receipt.result?["paid_nat"] == Amount.wire(premium))
        #expect(try await alice.balance() == nat + premium - Spec.fee(gas: AssetSpec.defaultGas))
        let after = try await t.asset.agent(agent.id)
        #expect(after.vault == agent.vault.map { $0 - premium })
        #expect(after.redeemingLots == 0 && after.freeLots == AssetSpec.genesisFreeLots, "lots back to free")
        #expect(try await t.asset.redemption(request.requestID).status == "DEFAULTED")
        try await t.expectRevert(t.asset.redemptionPaymentDefault(requestID: request.requestID), by: alice, agent: agent.id,
            "RedemptionNotPending", gas: AssetSpec.defaultGas)
    }

    @Test("default refusals: before or at the deadline, by another account, unknown request")
    func defaultRefusals() async throws {
        let t = try AssetNode()
        let (alice, _, agent, request) = try await Self.redeemed(t, blocked: true)
        let (bob, _) = try await t.user(try TestKeys.bob())
        let call = t.asset.redemptionPaymentDefault(requestID: request.requestID)
        let gas = AssetSpec.defaultGas
        t.clock.advance(by: 5)
        try await t.expectRevert(call, by: alice, agent: agent.id, "RedemptionDeadlineNotPassed", gas: gas)
        t.clock.set(request.deadline)
        try await t.expectRevert(call, by: alice, agent: agent.id, "RedemptionDeadlineNotPassed", gas: gas)
        t.clock.set(request.deadline + 1)
        try await t.expectRevert(call, by: bob, agent: agent.id, "Unauthorized", gas: gas)
        try await t.expectRevert(t.asset.redemptionPaymentDefault(requestID: request.requestID + 100), by: alice, agent: agent.id,
            "UnknownRedemption", gas: gas)
        #expect(try await t.asset.redemption(request.requestID).status == "PENDING")
        #expect(try await alice.send(call).status == .success, "the redeemer still may default")
    }
}
