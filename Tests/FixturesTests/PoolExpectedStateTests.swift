@testable import Fixtures
import Networks
import Testing

/// SPEC 6's pool arithmetic on the effects of the pool actions and scenarios: entries and
/// exits must lie within the bounds the pool totals before and after them imply.
@Suite("Expected state of pool actions and scenarios")
struct PoolExpectedStateTests {
    typealias Totals = Effects.PoolTotals
    let s: AssetSettingsInfo
    let a = EngineSamples.agentA
    let field = "pool[\(EngineSamples.short(EngineSamples.agentA))]"
    init() throws { s = try EngineSamples.settings() }

    static let nat: Int128 = 1_000_000_000_000_000_000
    // Entering 10 NAT into C0 = 300 NAT, S0 = 200 NAT: floor(10^19·2·10^20 / 3·10^20) tokens.
    static let tokens: Int128 = 6_666_666_666_666_666_666
    static let beforeEntry = Totals(collateral: 300 * nat, supply: 200 * nat)
    static let afterEntry = Totals(collateral: 310 * nat, supply: 206_666_666_666_666_666_666)
    // Exiting those tokens from afterEntry: floor(t·310·10^18 / S1), one wei short of 10 NAT.
    static let paidBack: Int128 = 9_999_999_999_999_999_999
    static let afterExit = Totals(collateral: 300_000_000_000_000_000_001, supply: 200 * nat)

    func entry(tokens: Int128, after: Totals = Self.afterEntry, before: Totals = Self.beforeEntry) -> Effects.PoolMove {
        Effects.PoolMove(agent: a, nat: 10 * Self.nat, tokens: tokens, before: before, after: after)
    }

    func standard(_ before: UserState, _ e: Effects) -> StateExpectation { ExpectedState.standard(before: before, effects: e, settings: s) }

    @Test("EnterRandomPoolRandomAmount: NAT in, floor(amount·S0/C0) tokens, within bounds")
    func enter() {
        var e = Effects()
        e.gasFees = 120_000 * 25_000_000_000  // 3·10^15 wei
        e.poolEntries = [entry(tokens: Self.tokens)]
        let x = standard(EngineSamples.funded(), e)
        #expect(x.violations.isEmpty, "violations: \(x.violations)")
        #expect(x.state.nat == 989_997_000_000_000_000_000, "nat: 10^21 − 10^19 − 3·10^15")
        #expect(x.state.pools[a]?.tokens == Self.tokens, "pool tokens")
    }

    @Test("an empty pool mints exactly the amount; anything else is a tokens_received violation")
    func enterEmptyPool() {
        var e = Effects()
        let empty = Totals(collateral: 0, supply: 0), after = Totals(collateral: 10 * Self.nat, supply: 10 * Self.nat)
        e.poolEntries = [entry(tokens: 10 * Self.nat, after: after, before: empty)]
        #expect(standard(EngineSamples.funded(), e).violations.isEmpty)
        e.poolEntries = [entry(tokens: 10 * Self.nat - 1, after: after, before: empty)]
        #expect(standard(EngineSamples.funded(), e).violations == [
            Mismatch(field: "\(field).tokens_received", expected: "10000000000000000000", actual: "9999999999999999999"),
        ])
    }

    @Test("tokens above floor(amount·S0/C0) or below floor(amount·S1/C1) are named pool[...].tokens_received")
    func enterOutOfBounds() {
        // Rewards between the reads raised C1 to 320 NAT: lower = floor(10^19·S1 / 320·10^18) = 6_458_333_333_333_333_333.
        let rewarded = Totals(collateral: 320 * Self.nat, supply: 206_666_666_666_666_666_666)
        let bounds = "[6458333333333333333, 6666666666666666666]"
        var e = Effects()
        for (tokens, ok) in [(Self.tokens, true), (6_458_333_333_333_333_333, true), (6_500_000_000_000_000_000, true),
                             (Self.tokens + 1, false), (6_458_333_333_333_333_332, false)] as [(Int128, Bool)] {
            e.poolEntries = [entry(tokens: tokens, after: rewarded)]
            let x = standard(EngineSamples.funded(), e)
            let expected = ok ? [] : [Mismatch(field: "\(field).tokens_received", expected: bounds, actual: String(tokens))]
            #expect(x.violations == expected, "\(tokens) tokens")
            #expect(x.state.pools[a]?.tokens == tokens, "the state takes the tokens received either way")
        }
    }

    @Test("ExitRandomPoolRandomAmount: floor(t·C0/S0) NAT out; paid below or above the bounds is pool[...].nat_paid")
    func exit() {
        var before = EngineSamples.funded()
        before.pools[a] = PoolHolding(tokens: 10 * Self.nat, unlockedTokens: 10 * Self.nat)
        // 3·10^18 tokens from C0 = 310 NAT, S0 = 200 NAT: 3·310/200 = 4.65 NAT; afterwards 3·305.35/197 = 4.65 NAT too.
        let exitBefore = Totals(collateral: 310 * Self.nat, supply: 200 * Self.nat)
        let exitAfter = Totals(collateral: 305_350_000_000_000_000_000, supply: 197 * Self.nat)
        var e = Effects()
        e.gasFees = 130_000 * 25_000_000_000  // 3.25·10^15 wei
        for (paid, ok) in [(4_650_000_000_000_000_000, true), (4_649_999_999_999_999_999, false), (4_650_000_000_000_000_001, false)]
            as [(Int128, Bool)]
        {
            e.poolExits = [Effects.PoolMove(agent: a, nat: paid, tokens: 3 * Self.nat, before: exitBefore, after: exitAfter)]
            let x = standard(before, e)
            let bounds = "[4650000000000000000, 4650000000000000000]"
            #expect(x.violations == (ok ? [] : [Mismatch(field: "\(field).nat_paid", expected: bounds, actual: String(paid), asset: .nat)]), "paid \(paid)")
            #expect(x.state.pools[a]?.tokens == 7 * Self.nat, "tokens: 10 − 3 NAT worth")
            if ok { #expect(x.state.nat == 1_004_646_750_000_000_000_000, "nat: 10^21 + 4.65·10^18 − 3.25·10^15") }
        }
    }

    @Test("the last tokens out of a pool may take the whole collateral")
    func exitEmptiesPool() {
        var e = Effects()
        let all = Totals(collateral: 310 * Self.nat, supply: 200 * Self.nat), none = Totals(collateral: 0, supply: 0)
        e.poolExits = [Effects.PoolMove(agent: a, nat: 310 * Self.nat, tokens: 200 * Self.nat, before: all, after: none)]
        #expect(standard(EngineSamples.funded(), e).violations.isEmpty)
    }

    @Test("WithdrawRandomPoolFees: FUND in, the holder's pool fees down by the amount")
    func withdrawFees() {
        var before = EngineSamples.funded()
        before.pools[a] = PoolHolding(tokens: 5 * Self.nat, unlockedTokens: 5 * Self.nat, fees: 5_000)
        var e = Effects()
        e.gasFees = 90_000 * 25_000_000_000  // 2.25·10^15 wei
        e.feeWithdrawals = [(agent: a, amount: 3_000)]
        let x = standard(before, e)
        #expect(x.state.fund == 3_000, "fund")
        #expect(x.state.pools[a] == PoolHolding(tokens: 5 * Self.nat, unlockedTokens: 5 * Self.nat, fees: 2_000), "holding")
        #expect(x.state.nat == 999_997_750_000_000_000_000, "nat: 10^21 − 2.25·10^15")
    }

    @Test("Scenario1: enter, mint 1 lot at 25 bips, redeem it, exit, withdraw the fees it earned")
    func scenario1() throws {
        var e = Effects()
        e.gasFees = (120_000 + 150_000 + 200_000 + 180_000 + 130_000 + 90_000) * 25_000_000_000  // 21_750_000_000_000_000 wei
        e.underlyingFees = 12
        e.reservedLots = [1]
        e.mintingPayments = [(lots: 1, feeBips: 25)]  // 10^7 + 25_000 uba
        e.executedLots = 1
        e.untrackedReservations = [31]
        e.redeemedLots = 1
        e.redemptionStatus = [21: "PENDING"]
        e.poolEntries = [entry(tokens: Self.tokens)]
        e.poolExits = [Effects.PoolMove(agent: a, nat: Self.paidBack, tokens: Self.tokens, before: Self.afterEntry, after: Self.afterExit)]
        // The pool got floor(25_000·4_000/10^4) = 10_000 uba; the user's share floor(10_000·t/S1) = 322.
        e.feeWithdrawals = [(agent: a, amount: 322)]
        let x = standard(EngineSamples.funded(), e)
        #expect(x.violations.isEmpty, "violations: \(x.violations)")
        // 10^21 − 10^19 − 2·10^17 − 2.175·10^16 + 9_999_999_999_999_999_999
        #expect(x.state.nat == 999_778_249_999_999_999_999, "nat")
        #expect(x.state.und == 489_974_988, "und: 5·10^8 − 10_025_012")
        #expect(x.state.fund == 322, "fund: + 10^7 − 10^7 + 322")
        #expect(x.state.pools[a] == PoolHolding(tokens: 0, unlockedTokens: 0, fees: -322), "holding")
        #expect(x.state.redemptions == [21: "PENDING"])

        var actual = UserState(nat: 999_778_249_999_999_999_999, und: 489_974_988, fund: 322)
        actual.pools[a] = PoolHolding()
        actual.poolsAfter[a] = try EngineSamples.pool(a, collateral: 300 * Self.nat, supply: 200 * Self.nat, feesReceived: 10_000)
        actual.redemptions = [21: "PENDING"]
        #expect(x.mismatches(against: actual).isEmpty, "the 322 uba credited and withdrawn lie within the pool's fee growth")
    }

    @Test("Scenario2: the user's sent tokens leave it; the partner's negative tokensSent gives them, and its exit pays it")
    func scenario2() {
        var user = Effects()
        user.gasFees = (120_000 + 60_000) * 25_000_000_000  // enter + transfer = 4.5·10^15 wei
        user.poolEntries = [entry(tokens: Self.tokens)]
        user.tokensSent = [(agent: a, tokens: Self.tokens)]
        let u = standard(EngineSamples.funded(), user)
        #expect(u.state.nat == 989_995_500_000_000_000_000, "user nat: 10^21 − 10^19 − 4.5·10^15")
        #expect(u.state.pools[a]?.tokens == 0, "user tokens: + t − t")

        var partner = Effects()
        partner.tokensSent = [(agent: a, tokens: -Self.tokens)]
        let kept = standard(UserState(nat: 5 * Self.nat), partner)
        #expect(kept.state.pools[a]?.tokens == Self.tokens, "partner holds the tokens it received")
        #expect(kept.state.nat == 5 * Self.nat, "partner nat")

        partner.gasFees = 130_000 * 25_000_000_000  // 3.25·10^15 wei
        partner.poolExits = [Effects.PoolMove(agent: a, nat: Self.paidBack, tokens: Self.tokens, before: Self.afterEntry, after: Self.afterExit)]
        let exited = standard(UserState(nat: 5 * Self.nat), partner)
        #expect(exited.violations.isEmpty, "violations: \(exited.violations)")
        #expect(exited.state.pools[a]?.tokens == 0, "partner tokens after its exit")
        #expect(exited.state.nat == 14_996_749_999_999_999_999, "partner nat: 5·10^18 − 3.25·10^15 + 9_999_999_999_999_999_999")
    }
}
