import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 6's minting journey on an agent the test owns: reserve, pay on the underlying chain,
/// get the attestor's proof, execute; every balance it touches moves by the exact amount.
@Suite("E2E minting journey", .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS"]))
struct MintingJourneyTests {
    @Test("reserve, pay, prove and execute move exact amounts between minter, agent, pool and FUND supply")
    func mintingJourney() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(feeBips: 40, freeLots: 50)
        let minter = try await j.party()
        let lots: Int64 = 3
        let value = Int128(lots) * j.settings.lotSize
        let fee = value * 40 / 10_000
        let poolFee = fee * Int128(j.settings.poolFeeShareBips) / 10_000
        let reservationFee = j.settings.reservationFee(lots: lots)
        let agentBefore = try await j.asset.agent(agent.agent)
        let poolBefore = try await j.asset.pool(ofAgent: agent.agent)
        let natBefore = try await minter.account.balance()
        let undBefore = try await j.underlying.balance(of: minter.underlying.address)
        let agentUndBefore = try await j.underlying.balance(of: agentBefore.paymentAddress)

        var minting: Minting?
        let supply = try await SupplyWindow.measure(j.asset) { minting = try await j.mint(lots, on: agent.agent, by: minter) }
        let m = try #require(minting)

        #expect(m.reservation.valueUBA == value && m.reservation.feeUBA == fee && m.reservation.reservationFee == reservationFee,
            "reservation: \(m.reservation)")
        #expect(try await minter.account.balance() == natBefore - reservationFee - m.gasFees, "minter NAT: reservation fee and gas only")
        #expect(try await j.underlying.balance(of: minter.underlying.address) == undBefore - value - fee - UnderlyingChain.transactionFee)
        #expect(try await j.asset.fundBalance(of: minter.address) == value, "minter FUND")
        let agentAfter = try await j.asset.agent(agent.agent)
        #expect(agentAfter.freeLots == agentBefore.freeLots - lots && agentAfter.mintedLots == agentBefore.mintedLots + lots)
        #expect(agentAfter.vault == agentBefore.vault + reservationFee, "the reservation fee goes to the agent's vault")
        #expect(try await j.underlying.balance(of: agentBefore.paymentAddress) == agentUndBefore + value + fee)
        let poolAfter = try await j.asset.pool(ofAgent: agent.agent)
        #expect(poolAfter.fundBalance == poolBefore.fundBalance + poolFee && poolAfter.feesReceived == poolBefore.feesReceived + poolFee)
        #expect(poolAfter.totalCollateral == poolBefore.totalCollateral, "minting adds no collateral")
        #expect(supply.change == supply.explained, "every FUND supply change in the window is a minting or a redemption")
        let ours = supply.events.filter { $0.type == "MintingExecuted" && $0.resource == agent.agent }
        #expect(ours.map { SupplyWindow.amount($0, "value_uba") + SupplyWindow.amount($0, "pool_fee_uba") } == [value + poolFee],
            "this minting added value + pool fee to the supply")
    }
}
