import Fixtures
import Foundation
import Networks
import Testing

/// Redemptions on an agent whose `PAY_REDEMPTIONS` the test controls: the bot pays only
/// when the test triggers its job, and the payment deadline passes only when the test
/// fast-forwards that schedule past it. Nothing sleeps.
@Suite("E2E redemption", .controlSchedules(["PAY_REDEMPTIONS"]))
struct RedemptionTests {
    @Test("the agent pays a redemption when the test triggers PAY_REDEMPTIONS; exact amounts")
    func redemptionPaid() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(feeBips: 25, freeLots: 20)
        let redeemer = try await j.party()
        _ = try await j.mint(2, on: agent.agent, by: redeemer)
        let paymentAddress = try await j.asset.agent(agent.agent).paymentAddress
        let agentUndBefore = try await j.underlying.balance(of: paymentAddress)
        let undBefore = try await j.underlying.balance(of: redeemer.underlying.address)

        let (request, _) = try await j.redeem(1, from: agent.agent, by: redeemer)
        let value = j.settings.lotSize
        let fee = value * Int128(j.settings.redemptionFeeBips) / 10_000
        #expect(request.valueUBA == value && request.feeUBA == fee && request.payUBA == value - fee, "\(request)")
        #expect(try await j.asset.fundBalance(of: redeemer.address) == value, "one of two lots' FUND is burned")
        #expect(try await j.asset.redemption(request.requestID).status == "PENDING", "the paused bot has not paid")
        #expect(try await j.control.schedules.jobs(.payRedemptions, of: agent.agent).isEmpty, "no job ran before the trigger")

        let job = try await j.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        #expect(job.status == .succeeded)
        let status = try await Waits.redemption(request.requestID, status: "SUCCESSFUL", asset: j.asset)
        #expect(status.paymentHash != nil)
        #expect(try await j.underlying.balance(of: redeemer.underlying.address) == undBefore + value - fee, "the redeemer got pay_uba")
        #expect(try await j.underlying.balance(of: paymentAddress) == agentUndBefore - (value - fee) - UnderlyingChain.transactionFee)
        let after = try await j.asset.agent(agent.agent)
        #expect(after.mintedLots == 1 && after.redeemingLots == 0 && after.freeLots == 19, "\(after)")
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

        let early = try await redeemer.account.send(j.asset.redemptionPaymentDefault(requestID: request.requestID))
        #expect(early.status == .reverted && early.error?.name == "RedemptionDeadlineNotPassed", "\(early.json)")

        let jobs = try await j.control.runScheduleJobs(.payRedemptions, for: agent.agent, through: request.deadline + 5)
        #expect(jobs.last.map { $0.effectiveTime > request.deadline } == true, "the agent's time passed the deadline: \(jobs)")
        let vaultBefore = try await j.asset.agent(agent.agent).vault
        let natBefore = try await redeemer.account.balance()
        let receipt = try await j.send(j.asset.redemptionPaymentDefault(requestID: request.requestID), by: redeemer)
        let premium = j.settings.defaultPayment(valueUBA: request.valueUBA)
        #expect(premium == 2 * j.settings.lotSize * j.settings.weiPerUBA * 11_000 / 10_000)
        _ = try await Waits.balance(of: redeemer.address, equals: natBefore + premium - receipt.fee, chain: j.chain)
        #expect(try await j.asset.agent(agent.agent).vault == vaultBefore - premium, "the premium came from the vault")
        #expect(try await j.asset.redemption(request.requestID).status == "DEFAULTED")
    }
}
