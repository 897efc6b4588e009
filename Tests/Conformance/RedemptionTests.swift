import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 6's redemptions on agents the test owns: placement and `remaining_lots`, the request's
/// arithmetic, the bot's payment of `pay_uba` when `PAY_REDEMPTIONS` runs, blocked deposits,
/// and defaults after the deadline with their premium, each refusal with nothing moved but gas.
@Suite("Conformance: SPEC 6 redemption", .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS"]), .timeLimit(.minutes(5)))
struct RedemptionTests {
    @Test("SPEC 6: redeem places lots on the named agent up to its minted lots; remaining_lots keep their FUND; each request's fee and pay_uba are SPEC's")
    func placementOnNamedAgent() async throws {
        let desk = try await AssetDesk.begin()
        let s = desk.settings
        let agent = try await desk.agent(feeBips: 50, freeLots: 10)
        let other = try await desk.agent(feeBips: 50, freeLots: 10)
        let redeemer = try await desk.node.party()
        try await desk.mint(3, of: agent.agent, by: redeemer)
        try await desk.mint(2, of: other.agent, by: redeemer)
        let fund = try await desk.asset.fundBalance(of: redeemer.address)
        let receipt = try await desk.send(desk.asset.redeem(lots: 5, agent: agent.agent), by: redeemer)
        try #require(receipt.status == .success, "\(receipt.json)")
        let result = try RedeemResult(json: try #require(receipt.result))
        #expect(result.remainingLots == 2 && result.requests.count == 1, "\(result)")
        let request = try #require(result.requests.first)
        let value = SpecAsset.valueUBA(lots: 3, s)
        #expect(request.agent == agent.agent && request.lots == 3 && request.valueUBA == value)
        #expect(request.feeUBA == SpecAsset.redemptionFeeUBA(valueUBA: value, s) && request.payUBA == SpecAsset.payUBA(valueUBA: value, s))
        #expect(request.deadline == receipt.timestamp + s.redemptionPaymentWindow, "deadline = block time + the redemption window")
        #expect(Hex.isHex(request.paymentReference, count: 64))
        #expect(try await desk.asset.fundBalance(of: redeemer.address) == fund - value, "lot_size FUND burned per placed lot only")
        let after = try await desk.asset.agent(agent.agent)
        #expect(after.executedMintingLots == 3 && after.redeemedLots == 3 && after.mintedLots == 0, "\(after)")
        #expect(try await desk.asset.agent(other.agent).redeemedLots == 0, "the other agent was not drawn from")
        let status = try await desk.asset.redemption(request.requestID)
        #expect(status.status == "PENDING" && status.paymentHash == nil && !status.paymentFailed, "\(status)")
    }

    @Test("SPEC 6: redeeming more lots than the FUND held is refused; only gas moves")
    func redeemBeyondFund() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(freeLots: 10)
        let redeemer = try await desk.node.party()
        try await desk.mint(2, of: agent.agent, by: redeemer)
        let nat = try await desk.node.nat(redeemer.address)
        let receipt = try await desk.send(desk.asset.redeem(lots: 3, agent: agent.agent), by: redeemer)
        #expect(receipt.status == .reverted && receipt.error != nil, "\(receipt.json)")
        #expect(try await desk.node.nat(redeemer.address) == nat - (try specFee(.assetManager, "redeem")))
        #expect(try await desk.asset.fundBalance(of: redeemer.address) == SpecAsset.valueUBA(lots: 2, desk.settings))
        #expect(try await desk.asset.agent(agent.agent).redeemedLots == 0)
    }

    @Test("SPEC 6: when PAY_REDEMPTIONS runs, the bot pays exactly pay_uba to the redeemer's underlying address: SUCCESSFUL with its payment hash")
    func paid() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(freeLots: 10)
        let redeemer = try await desk.node.party()
        try await desk.mint(2, of: agent.agent, by: redeemer)
        let request = try #require(try await desk.redeem(2, from: agent.agent, by: redeemer).requests.first)
        let und = try await desk.node.und(redeemer.undAddress)
        try await desk.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        let status = try await Waits.redemption(request.requestID, status: "SUCCESSFUL", asset: desk.asset, events: desk.control.events)
        let hash = try #require(status.paymentHash, "a paid request names its payment")
        #expect(!status.paymentFailed)
        #expect(try await desk.node.und(redeemer.undAddress) == und + request.payUBA, "exactly pay_uba")
        #expect(try await desk.node.underlying.transaction(hash).status == .success)
        let nat = try await desk.node.nat(redeemer.address)
        let refused = try await desk.send(desk.asset.redemptionPaymentDefault(requestID: request.requestID), by: redeemer)
        #expect(refused.status == .reverted, "a SUCCESSFUL request cannot be defaulted: \(refused.json)")
        #expect(try await desk.node.nat(redeemer.address) == nat - (try specFee(.assetManager, "redemption_payment_default")))
    }

    @Test("SPEC 6: if the redeemer's deposits are blocked the bot's payment fails and the request stays PENDING")
    func blocked() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(freeLots: 10)
        let redeemer = try await desk.node.party()
        try await desk.mint(1, of: agent.agent, by: redeemer)
        #expect(try await redeemer.und.setDepositBlocked(true).status == .success)
        let request = try #require(try await desk.redeem(1, from: agent.agent, by: redeemer).requests.first)
        let und = try await desk.node.und(redeemer.undAddress)
        try await desk.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        let status = try await desk.asset.redemption(request.requestID)
        #expect(status.status == "PENDING" && status.paymentFailed && status.paymentHash != nil, "\(status)")
        #expect(try await desk.node.und(redeemer.undAddress) == und, "nothing arrived")
    }

    @Test("SPEC 6: after the deadline the redeemer defaults a PENDING request: floor(value·wei_per_uba·(10,000 + premium) / 10,000) NAT, DEFAULTED, its lots free again")
    func defaulted() async throws {
        let desk = try await AssetDesk.begin()
        let s = desk.settings
        let agent = try await desk.agent(freeLots: 3)
        let redeemer = try await desk.node.party()
        let stranger = try await desk.node.party(und: 0)
        try await desk.mint(3, of: agent.agent, by: redeemer)
        #expect(try await redeemer.und.setDepositBlocked(true).status == .success)
        let request = try #require(try await desk.redeem(3, from: agent.agent, by: redeemer).requests.first)
        let defaultCall = desk.asset.redemptionPaymentDefault(requestID: request.requestID)
        let gas = try specFee(.assetManager, "redemption_payment_default")

        var nat = try await desk.node.nat(redeemer.address)
        #expect(try await desk.send(defaultCall, by: redeemer).status == .reverted, "before the deadline")
        #expect(try await desk.node.nat(redeemer.address) == nat - gas, "only gas")
        try await desk.passDeadline(request.deadline, of: agent.agent)
        let strangerNAT = try await desk.node.nat(stranger.address)
        #expect(try await desk.send(defaultCall, by: stranger).status == .reverted, "only the redeemer may default")
        #expect(try await desk.node.nat(stranger.address) == strangerNAT - gas)
        #expect(try await desk.asset.redemption(request.requestID).status == "PENDING")

        nat = try await desk.node.nat(redeemer.address)
        let premium = SpecAsset.defaultPayment(valueUBA: request.valueUBA, s)
        #expect(try await desk.send(defaultCall, by: redeemer).status == .success)
        #expect(try await desk.node.nat(redeemer.address) == nat + premium - gas, "the premium, exactly")
        let status = try await desk.asset.redemption(request.requestID)
        #expect(status.status == "DEFAULTED", "\(status)")
        let raw = try await desk.node.chain.call(Call(contract: desk.asset.id, method: "get_redemption", args: ["id": .int(request.requestID)]))
        #expect(raw["default_paid"] == Amount.wire(premium), "default_paid (SPEC 9): \(raw)")
        nat = try await desk.node.nat(redeemer.address)
        #expect(try await desk.send(defaultCall, by: redeemer).status == .reverted, "a DEFAULTED request cannot be defaulted again")
        #expect(try await desk.node.nat(redeemer.address) == nat - gas)
        let reserve = try await desk.send(desk.asset.reserveCollateral(agent: agent.agent, lots: 3, maxMintingFeeBips: 10_000), by: redeemer)
        #expect(reserve.status == .success, "the freed lots returned to the agent: \(reserve.json)")
    }
}
