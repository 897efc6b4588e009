import Fixtures
import Foundation
import Networks
import Testing

/// Redemptions on an agent whose `PAY_REDEMPTIONS` the test controls: the bot pays only
/// when the test triggers its job, and the payment deadline passes only when the test
/// fast-forwards that schedule past it. Nothing sleeps; every amount is SPEC arithmetic.
@Suite("E2E redemption", .controlSchedules(["PAY_REDEMPTIONS"]), .timeLimit(.minutes(5)))
struct RedemptionTests {
    @Test("the agent pays a redemption when the test triggers PAY_REDEMPTIONS; exact amounts")
    func redemptionPaid() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(feeBips: 25, freeLots: 20)
        let redeemer = try await j.party()
        let minting = try await j.mint(2, on: agent.agent, by: redeemer)
        let paymentAddress = minting.reservation.paymentAddress
        let agentUndBefore = try await j.underlying.balance(of: paymentAddress)
        let undBefore = try await j.underlying.balance(of: redeemer.underlying.address)

        let (request, _) = try await j.redeem(1, from: agent.agent, by: redeemer)
        let value = SpecAsset.valueUBA(lots: 1, j.settings)
        let fee = SpecAsset.redemptionFeeUBA(valueUBA: value, j.settings)
        let pay = SpecAsset.payUBA(valueUBA: value, j.settings)
        #expect(request.valueUBA == value && request.feeUBA == fee && request.payUBA == pay, "\(request)")
        #expect(try await j.asset.fundBalance(of: redeemer.address) == value, "one of two lots' FUND is burned")
        #expect(try await j.asset.redemption(request.requestID).status == "PENDING", "the paused bot has not paid")
        #expect(try await j.control.schedules.jobs(.payRedemptions, of: agent.agent).isEmpty, "no job ran before the trigger")

        let job = try await j.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        #expect(job.status == .succeeded)
        let status = try await Waits.redemption(request.requestID, status: "SUCCESSFUL", asset: j.asset, events: j.control.events)
        #expect(status.paymentHash != nil)
        #expect(try await j.underlying.balance(of: redeemer.underlying.address) == undBefore + pay, "the redeemer got pay_uba")
        #expect(try await j.underlying.balance(of: paymentAddress) == agentUndBefore - pay - UnderlyingChain.transactionFee)
        let after = try await j.asset.agent(agent.agent)
        #expect(after.executedMintingLots == 2 && after.redeemedLots == 1 && after.mintedLots == 1, "\(after)")
        if let redeeming = after.redeemingLots { #expect(redeeming == 0, "the paid lots are no longer redeeming") }
        #expect(try await j.control.schedules.jobs(.payRedemptions, of: agent.agent).count == 1, "exactly the triggered job ran")
    }

    @Test("a redemption the agent could not pay defaults after the controlled deadline and pays the premium; exact amounts")
    func redemptionDefault() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(feeBips: 25, freeLots: 20)
        let redeemer = try await j.party()
        _ = try await j.mint(2, on: agent.agent, by: redeemer)
        let blocked = try await redeemer.underlying.setDepositBlocked(true)
        #expect(blocked.status == .success)
        let (request, _) = try await j.redeem(2, from: agent.agent, by: redeemer)

        let job = try await j.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        #expect(job.status == .succeeded, "the job ran; the payment inside it failed")
        let failed = try await j.asset.redemption(request.requestID)
        #expect(failed.status == "PENDING" && failed.paymentFailed, "\(failed)")

        let early = j.asset.redemptionPaymentDefault(requestID: request.requestID)
        let natBeforeEarly = try await redeemer.account.balance()
        let refused = try await j.attempt(early, by: redeemer)
        #expect(refused.status == .reverted && refused.error != nil, "a default before the deadline reverts: \(refused.json)")
        #expect(try await redeemer.account.balance() == natBeforeEarly - (try j.fee(early)), "only its gas was charged")
        #expect(try await j.asset.redemption(request.requestID).status == "PENDING")

        let jobs = try await j.control.runScheduleJobs(.payRedemptions, for: agent.agent, through: request.deadline + 5)
        #expect(jobs.last.map { $0.effectiveTime > request.deadline } == true, "the agent's time passed the deadline: \(jobs)")
        let vaultBefore = try await j.asset.agent(agent.agent).vault
        let natBefore = try await redeemer.account.balance()
        let call = j.asset.redemptionPaymentDefault(requestID: request.requestID)
        try await j.send(call, by: redeemer)
        let premium = SpecAsset.defaultPayment(valueUBA: request.valueUBA, j.settings)
        #expect(premium == 2 * j.settings.lotSize * j.settings.weiPerUBA * (10_000 + Int128(j.settings.redemptionDefaultPremiumBips)) / 10_000)
        _ = try await Waits.balance(of: redeemer.address, equals: natBefore + premium - (try j.fee(call)), chain: j.chain,
            events: j.control.events)
        if let vaultBefore, let vaultAfter = try await j.asset.agent(agent.agent).vault {  // a devnet field: checked where reported
            #expect(vaultAfter == vaultBefore - premium, "the premium came from the vault")
        }
        #expect(try await j.asset.redemption(request.requestID).status == "DEFAULTED")
    }
}
