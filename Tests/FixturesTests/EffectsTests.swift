@testable import Fixtures
import Networks
import Testing

/// What the engine does with an action's effects besides the expected state: the run
/// totals the NAT conservation invariant uses, and comparing effects.
@Suite("Effects and run totals")
struct EffectsTests {
    static let nat: Int128 = 1_000_000_000_000_000_000

    /// Every kind of effect at once: a defaulted 2-lot request, a 1-lot minting at 25 bips,
    /// a 10 NAT entry and an exit paying 4.65 NAT.
    static func mixed() -> Effects {
        var e = Effects()
        e.gasFees = (160_000 + 150_000 + 200_000 + 120_000 + 130_000) * 25_000_000_000  // 19·10^15 wei
        e.underlyingFees = 12
        e.reservedLots = [1]  // 2·10^17 wei
        e.mintingPayments = [(lots: 1, feeBips: 25)]
        e.executedLots = 1
        e.defaultedValues = [20_000_000]  // 4.4·10^20 wei
        e.untrackedRedemptions = [11]
        e.untrackedReservations = [7]
        let totals = Effects.PoolTotals(collateral: 300 * nat, supply: 200 * nat)
        e.poolEntries = [Effects.PoolMove(agent: EngineSamples.agentA, nat: 10 * nat, tokens: 6_666_666_666_666_666_666,
            before: totals, after: Effects.PoolTotals(collateral: 310 * nat, supply: 206_666_666_666_666_666_666))]
        e.poolExits = [Effects.PoolMove(agent: EngineSamples.agentB, nat: 4_650_000_000_000_000_000, tokens: 3 * nat,
            before: Effects.PoolTotals(collateral: 310 * nat, supply: 200 * nat),
            after: Effects.PoolTotals(collateral: 305_350_000_000_000_000_000, supply: 197 * nat))]
        e.feeWithdrawals = [(agent: EngineSamples.agentA, amount: 100)]
        e.tokensSent = [(agent: EngineSamples.agentA, tokens: 5)]
        return e
    }

    @Test("run totals add up SPEC amounts of each action")
    func totals() throws {
        let s = try EngineSamples.settings()
        var t = RunTotals()
        t.add(Self.mixed(), settings: s)
        t.add(Self.mixed(), settings: s)
        #expect(t.gasFees == 38_000_000_000_000_000, "gas: 2 · 19·10^15")
        #expect(t.reservationFees == 400_000_000_000_000_000, "reservation fees: 2 · 2·10^17")
        #expect(t.natIntoPools == 20 * Self.nat, "into pools: 2 · 10 NAT")
        #expect(t.natFromPools == 9_300_000_000_000_000_000, "from pools: 2 · 4.65 NAT")
        #expect(t.defaultPremiums == 880_000_000_000_000_000_000, "premiums: 2 · 4.4·10^20")
        #expect(t.executedLots == 2 && t.redeemedLots == 0)
    }

    @Test("the invariant's NAT accounting agrees with the expected state's NAT")
    func conservationMatchesExpectation() throws {
        let s = try EngineSamples.settings()
        let given = EngineSamples.funded()
        let expected = ExpectedState.standard(before: given, effects: Self.mixed(), settings: s).state.nat
        var t = RunTotals()
        t.add(Self.mixed(), settings: s)
        // 10^21 − 19·10^15 − 2·10^17 + 4.4·10^20 − 10^19 + 4.65·10^18
        #expect(expected == 1_434_431_000_000_000_000_000, "expected nat")
        #expect(expected + t.gasFees + t.reservationFees + t.natIntoPools - t.natFromPools - t.defaultPremiums == given.nat,
            "balance + gas + reservation fees + into pools − from pools − premiums = given")
    }

    @Test("effects are equal exactly when they record the same things")
    func equality() {
        let base = Self.mixed()
        #expect(base == Self.mixed())
        var otherAgent = base
        otherAgent.feeWithdrawals = [(agent: EngineSamples.agentB, amount: 100)]
        #expect(otherAgent != base, "fees withdrawn from another agent's pool")
        var otherSent = base
        otherSent.tokensSent = [(agent: EngineSamples.agentB, tokens: 5)]
        #expect(otherSent != base, "tokens of another agent's pool sent")
        var otherReservation = base
        otherReservation.untrackedReservations = [8]
        #expect(otherReservation != base, "another reservation untracked")
        var otherRedemption = base
        otherRedemption.untrackedRedemptions = []
        #expect(otherRedemption != base, "no redemption untracked")
        let s = try? EngineSamples.settings()
        if let s {
            let a = ExpectedState.standard(before: EngineSamples.funded(), effects: base, settings: s)
            let b = ExpectedState.standard(before: EngineSamples.funded(), effects: otherAgent, settings: s)
            #expect(a != b, "the two effects give different expected states")
        }
    }
}
