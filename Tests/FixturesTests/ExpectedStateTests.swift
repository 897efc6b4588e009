@testable import Fixtures
import Networks
import Testing

/// SPEC 6's arithmetic on the effects each minting and redemption action records, with
/// every expected amount worked out by hand (gas at 25 gwei, 12 drops per underlying tx).
@Suite("Expected state of minting and redemption actions")
struct ExpectedStateTests {
    let s: AssetSettingsInfo
    init() throws { s = try EngineSamples.settings() }

    func expect(_ before: UserState, _ e: Effects) -> UserState {
        let x = ExpectedState.standard(before: before, effects: e, settings: s)
        #expect(x.violations.isEmpty, "no pool move, no violation: \(x.violations)")
        return x.state
    }

    @Test("the SPEC fees on the default settings: reservation fee, minting fee, default payment")
    func settingsFormulas() {
        // 2·10^7 uba · 20·10^12 wei/uba · 10 / 10^4 = 4·10^17 wei
        #expect(s.reservationFee(lots: 2) == 400_000_000_000_000_000, "reservation fee of 2 lots")
        // floor(2·10^7 · 50 / 10^4) = 100_000 uba
        #expect(s.mintingFee(lots: 2, agentFeeBips: 50) == 100_000, "minting fee of 2 lots at 50 bips")
        // floor(2·10^7 · 20·10^12 · 11_000 / 10^4) = 4.4·10^20 wei
        #expect(s.defaultPayment(valueUBA: 20_000_000) == 440_000_000_000_000_000_000, "default payment for 2 lots")
    }

    @Test("MintRandomAgentRandomAmount executed at once: gas, reservation fee, value + fee + 12 drops, FUND for the lots")
    func mintRandomExecuted() {
        var e = Effects()
        e.gasFees = (150_000 + 200_000) * 25_000_000_000  // reserve + execute = 8_750_000_000_000_000 wei
        e.underlyingFees = 12  // one payment
        e.reservedLots = [2]
        e.mintingPayments = [(lots: 2, feeBips: 50)]
        e.executedLots = 2
        e.untrackedReservations = [7]  // the action set RESERVED, then execute removed it
        let x = expect(EngineSamples.funded(), e)
        // 10^21 − 8_750_000_000_000_000 − 400_000_000_000_000_000
        #expect(x.nat == 999_591_250_000_000_000_000, "nat")
        // 500_000_000 − (20_000_000 + 100_000 + 12)
        #expect(x.und == 479_899_988, "und")
        #expect(x.fund == 20_000_000, "fund: 2 lots · 10^7")
        #expect(x.reservations.isEmpty, "an executed reservation is no longer tracked: \(x.reservations)")
        #expect(x.pools.isEmpty && x.redemptions.isEmpty)
    }

    @Test("MintRandomAgentRandomAmount left paid and pending: the reservation stays RESERVED, no FUND yet")
    func mintRandomPending() {
        var e = Effects()
        e.gasFees = 150_000 * 25_000_000_000  // reserve only = 3_750_000_000_000_000 wei
        e.underlyingFees = 12
        e.reservedLots = [2]
        e.mintingPayments = [(lots: 2, feeBips: 50)]
        e.reservationStatus = [7: "RESERVED"]
        let x = expect(EngineSamples.funded(), e)
        #expect(x.nat == 999_596_250_000_000_000_000, "nat: 10^21 − 3.75·10^15 − 4·10^17")
        #expect(x.und == 479_899_988, "und: 5·10^8 − 20_100_012")
        #expect(x.fund == 0, "fund")
        #expect(x.reservations == [7: "RESERVED"], "reservation status")
    }

    @Test("MintLowestFeeAgentRandomAmount: 3 lots at 25 bips")
    func mintLowestFee() {
        var e = Effects()
        e.gasFees = 350_000 * 25_000_000_000
        e.underlyingFees = 12
        e.reservedLots = [3]  // 3·10^7·20·10^12·10/10^4 = 6·10^17 wei
        e.mintingPayments = [(lots: 3, feeBips: 25)]  // floor(3·10^7·25/10^4) = 75_000 uba
        e.executedLots = 3
        e.untrackedReservations = [8]
        let x = expect(EngineSamples.funded(), e)
        #expect(x.nat == 999_391_250_000_000_000_000, "nat: 10^21 − 8.75·10^15 − 6·10^17")
        #expect(x.und == 469_924_988, "und: 5·10^8 − (30_000_000 + 75_000 + 12)")
        #expect(x.fund == 30_000_000, "fund")
    }

    @Test("MintExecuteRandomMinting of a paid minting: execute gas only, FUND, the reservation untracked")
    func mintExecutePaid() {
        var before = EngineSamples.funded()
        before.reservations = [7: "RESERVED"]
        var e = Effects()
        e.gasFees = 200_000 * 25_000_000_000  // 5·10^15 wei
        e.executedLots = 1
        e.untrackedReservations = [7]
        let x = expect(before, e)
        #expect(x.nat == 999_995_000_000_000_000_000, "nat: 10^21 − 5·10^15")
        #expect(x.und == 500_000_000, "und: nothing paid now")
        #expect(x.fund == 10_000_000, "fund")
        #expect(x.reservations.isEmpty, "reservations: \(x.reservations)")
    }

    @Test("MintExecuteRandomMinting of an unpaid minting pays value + fee + 12 drops first")
    func mintExecuteUnpaid() {
        var before = EngineSamples.funded()
        before.reservations = [7: "RESERVED"]
        var e = Effects()
        e.gasFees = 200_000 * 25_000_000_000
        e.underlyingFees = 12
        e.mintingPayments = [(lots: 1, feeBips: 100)]  // 10^7·100/10^4 = 100_000 uba
        e.executedLots = 1
        e.untrackedReservations = [7]
        let x = expect(before, e)
        #expect(x.und == 489_899_988, "und: 5·10^8 − 10_100_012")
        #expect(x.fund == 10_000_000, "fund")
    }

    @Test("MintRandomAgentRandomAmountBlockUnderlying: block and unblock cost 12 drops each")
    func mintBlockUnderlying() {
        var e = Effects()
        e.gasFees = 350_000 * 25_000_000_000
        e.underlyingFees = 3 * 12  // block, pay, unblock
        e.reservedLots = [1]  // 2·10^17 wei
        e.mintingPayments = [(lots: 1, feeBips: 150)]  // 150_000 uba
        e.executedLots = 1
        e.untrackedReservations = [9]
        let x = expect(EngineSamples.funded(), e)
        #expect(x.nat == 999_791_250_000_000_000_000, "nat: 10^21 − 8.75·10^15 − 2·10^17")
        #expect(x.und == 489_849_964, "und: 5·10^8 − (10_000_000 + 150_000 + 36)")
        #expect(x.fund == 10_000_000, "fund")
    }

    @Test("RedeemRandomAmount burns lot_size FUND per placed lot; unplaced lots keep their FUND")
    func redeem() {
        var e = Effects()
        e.gasFees = 180_000 * 25_000_000_000  // 4.5·10^15 wei
        e.redeemedLots = 2  // asked 3: one lot on each of two agents, remaining_lots 1
        e.redemptionStatus = [11: "PENDING", 12: "PENDING"]
        let x = expect(EngineSamples.funded(fund: 30_000_000), e)
        #expect(x.nat == 999_995_500_000_000_000_000, "nat: 10^21 − 4.5·10^15")
        #expect(x.fund == 10_000_000, "fund: 3·10^7 − 2·10^7")
        #expect(x.und == 500_000_000, "und: the bot pays later")
        #expect(x.redemptions == [11: "PENDING", 12: "PENDING"], "redemption statuses")
    }

    @Test("RedeemDefaultRandomRedemption pays floor(value·20·10^12·11000/10^4) NAT and untracks the request")
    func redeemDefault() {
        var before = EngineSamples.funded()
        before.redemptions = [11: "PENDING"]
        before.failedPayments = [11]
        var e = Effects()
        e.gasFees = 160_000 * 25_000_000_000  // 4·10^15 wei
        e.defaultedValues = [20_000_000]  // 2·10^7·20·10^12·11_000/10^4 = 4.4·10^20 wei
        e.untrackedRedemptions = [11]
        let x = expect(before, e)
        #expect(x.nat == 1_439_996_000_000_000_000_000, "nat: 10^21 + 4.4·10^20 − 4·10^15")
        #expect(x.redemptions.isEmpty, "redemptions: \(x.redemptions)")
        #expect(x.fund == 0 && x.und == 500_000_000)
    }

    @Test("RedeemDefaultRandomRedemptionBlockUnderlying: a redemption plus block and unblock fees")
    func redeemBlockUnderlying() {
        var e = Effects()
        e.gasFees = 180_000 * 25_000_000_000
        e.underlyingFees = 2 * 12
        e.redeemedLots = 1
        e.redemptionStatus = [13: "PENDING"]
        let x = expect(EngineSamples.funded(fund: 10_000_000), e)
        #expect(x.nat == 999_995_500_000_000_000_000, "nat")
        #expect(x.und == 499_999_976, "und: 5·10^8 − 24")
        #expect(x.fund == 0, "fund: 10^7 − 10^7")
        #expect(x.redemptions == [13: "PENDING"])
    }
}
