import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 6's minting journey on an agent the test owns: reserve, pay on the underlying chain,
/// get the attestor's proof, execute; every balance it touches moves by the amount SPEC's
/// arithmetic gives, gas included (from SPEC 3's table, never from the receipts).
@Suite("E2E minting journey", .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS"]), .timeLimit(.minutes(5)))
struct MintingJourneyTests {
    @Test("reserve, pay, prove and execute move exact amounts between minter, agent, pool and FUND supply")
    func mintingJourney() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(feeBips: 40, freeLots: 50)
        let minter = try await j.party()
        let lots: Int64 = 3
        let value = SpecAsset.valueUBA(lots: lots, j.settings)
        let fee = SpecAsset.mintingFeeUBA(valueUBA: value, agentFeeBips: 40)
        let poolFee = SpecAsset.poolFeeUBA(feeUBA: fee, j.settings)
        let reservationFee = SpecAsset.reservationFee(lots: lots, j.settings)
        let agentBefore = try await j.asset.agent(agent.agent)
        let poolBefore = try await j.asset.pool(ofAgent: agent.agent)
        let poolFundBefore = try await j.asset.fundBalance(of: agent.pool)
        let natBefore = try await minter.account.balance()
        let undBefore = try await j.underlying.balance(of: minter.underlying.address)
        let supplyBefore = try await j.asset.fundSupply()

        let reserved = try await j.reserve(lots, on: agent.agent, by: minter)
        let agentUndBefore = try await j.underlying.balance(of: reserved.reservation.paymentAddress)
        let m = try await j.payAndExecute(reserved, by: minter)
        let supplyAfter = try await j.asset.fundSupply()

        #expect(m.reservation.valueUBA == value && m.reservation.feeUBA == fee, "reservation: \(m.reservation)")
        #expect(try await minter.account.balance() == natBefore - reservationFee - m.gasFees, "minter NAT: reservation fee and gas only")
        #expect(try await j.underlying.balance(of: minter.underlying.address) == undBefore - value - fee - UnderlyingChain.transactionFee)
        #expect(try await j.asset.fundBalance(of: minter.address) == value, "minter FUND")
        let agentAfter = try await j.asset.agent(agent.agent)
        #expect(agentAfter.executedMintingLots == agentBefore.executedMintingLots + lots && agentAfter.redeemedLots == agentBefore.redeemedLots)
        #expect(agentAfter.mintedLots == agentBefore.mintedLots + lots)
        if let vaultBefore = agentBefore.vault, let vaultAfter = agentAfter.vault {  // a devnet field: checked where reported
            #expect(vaultAfter == vaultBefore + reservationFee, "the reservation fee goes to the agent's vault")
        }
        #expect(try await j.underlying.balance(of: m.reservation.paymentAddress) == agentUndBefore + value + fee, "the agent got value + fee")
        let poolAfter = try await j.asset.pool(ofAgent: agent.agent)
        #expect(poolAfter.feesReceived == poolBefore.feesReceived + poolFee, "the pool received floor(fee · 4000 / 10000)")
        #expect(try await j.asset.fundBalance(of: agent.pool) == poolFundBefore + poolFee, "the pool's FUND")
        #expect(poolAfter.totalCollateral == poolBefore.totalCollateral, "minting adds no collateral")
        #expect(supplyAfter.totalSupply == supplyAfter.minted - supplyAfter.burned, "FUND supply: \(supplyAfter)")
        #expect(supplyAfter.minted - supplyBefore.minted >= value + poolFee, "at least this minting's value + pool fee was minted")
        let executed = m.receipts[1].events.map(\.seq)
        #expect(executed.allSatisfy { $0 > supplyBefore.asOfSeq && $0 <= supplyAfter.asOfSeq },
            "the execution's events lie between the two supply reads: \(executed), as of \(supplyBefore.asOfSeq)...\(supplyAfter.asOfSeq)")
    }
}
