@testable import Fixtures
import Networks
import Testing

/// `StateExpectation.mismatches`: every difference is named by its field, with the expected and
/// the actual value; pool fees may grow by what the pool received between the reads.
@Suite("Mismatches name the field")
struct MismatchTests {
    let a = EngineSamples.agentA
    let b = EngineSamples.agentB
    var pa: String { "pool[\(EngineSamples.short(a))]" }  // pool[caaaaaaaaa]

    func expectation(_ configure: (inout UserState) -> Void = { _ in }) -> StateExpectation {
        var state = EngineSamples.funded(fund: 10_000_000)
        configure(&state)
        return StateExpectation(state: state)
    }

    @Test("an exact state has no mismatch")
    func exact() {
        let x = expectation { $0.pools[a] = PoolHolding(tokens: 5, unlockedTokens: 5, fees: 7); $0.redemptions = [3: "PENDING"] }
        #expect(x.mismatches(against: x.state).isEmpty)
    }

    @Test("nat, und and fund are named with expected and actual values", arguments: ["nat", "und", "fund"])
    func balances(field: String) {
        let x = expectation()
        var actual = x.state
        switch field {
        case "nat": actual.nat += 1
        case "und": actual.und -= 12
        default: actual.fund = 0
        }
        let expected: Mismatch = switch field {
        case "nat": Mismatch(field: "nat", expected: "1000000000000000000000", actual: "1000000000000000000001", asset: .nat)
        case "und": Mismatch(field: "und", expected: "500000000", actual: "499999988", asset: .und)
        default: Mismatch(field: "fund", expected: "10000000", actual: "0", asset: .fund)
        }
        #expect(x.mismatches(against: actual) == [expected])
        let readable = switch field {
        case "nat": "nat: expected 1,000 NAT (1000000000000000000000 wei), actual 1,000.000000000000000001 NAT (1000000000000000000001 wei)"
        case "und": "und: expected 500 UND (500000000 drop), actual 499.999988 UND (499999988 drop)"
        default: "fund: expected 10 FUND (10000000 uba), actual 0 FUND (0 uba)"
        }
        #expect(expected.description == readable, "whole units beside base units")
    }

    @Test("a deliberately wrong expectation of a minting is reported on the field it got wrong")
    func wrongExpectation() throws {
        var e = Effects()
        e.gasFees = 350_000 * 25_000_000_000
        e.underlyingFees = 12
        e.reservedLots = [2]
        e.mintingPayments = [(lots: 2, feeBips: 50)]
        e.executedLots = 2
        let right = ExpectedState.standard(before: EngineSamples.funded(), effects: e, settings: try EngineSamples.settings())
        var wrong = right
        wrong.state.fund += 1  // claims one uba too many
        let found = wrong.mismatches(against: right.state)
        #expect(found == [Mismatch(field: "fund", expected: "20000001", actual: "20000000", asset: .fund)])
        #expect(found.first?.description == "fund: expected 20.000001 FUND (20000001 uba), actual 20 FUND (20000000 uba)")
    }

    @Test("pool tokens are named pool[<first 10 chars of the agent>].tokens, also for a pool only one side has")
    func poolTokens() {
        let x = expectation { $0.pools[a] = PoolHolding(tokens: 100) }
        var actual = x.state
        actual.pools[a] = PoolHolding(tokens: 90)
        actual.pools[b] = PoolHolding(tokens: 4)
        #expect(x.mismatches(against: actual) == [
            Mismatch(field: "\(pa).tokens", expected: "100", actual: "90"),
            Mismatch(field: "pool[\(EngineSamples.short(b))].tokens", expected: "0", actual: "4"),
        ])
        #expect(pa == "pool[caaaaaaaaa]")
    }

    @Test("pool fees may exceed the expectation by at most the holder's pro-rata share of the fees its pool received meanwhile",
        arguments: [
            (Int128(10), Int128(700), true), (10, 726, true), (10, 727, false), (10, 699, false), (10, 951, false),
            (100, 950, true), (100, 951, false),
        ])
    func poolFees(tokens: Int128, actualFees: Int128, fine: Bool) throws {
        // Expected 700 uba; the pool received 1_250 − 1_000 = 250 uba between the reads; the holder
        // owns `tokens` of 100: its share is at most 250·tokens/100 (+1 for rounding), never above 250.
        var state = EngineSamples.funded()
        state.pools[a] = PoolHolding(tokens: tokens, fees: 700)
        state.poolsBefore[a] = try EngineSamples.pool(a, collateral: 100, supply: 100, feesReceived: 1_000)
        let x = StateExpectation(state: state)
        var actual = x.state
        actual.pools[a]?.fees = actualFees
        actual.poolsAfter[a] = try EngineSamples.pool(a, collateral: 100, supply: 100, feesReceived: 1_250)
        let bound = tokens == 100 ? 250 : 26
        let expected = fine ? [] : [Mismatch(field: "\(pa).fees", expected: "700 + [0, \(bound)]", actual: String(actualFees), asset: .fund)]
        #expect(x.mismatches(against: actual) == expected, "\(tokens) tokens, actual fees \(actualFees)")
    }

    @Test("without fee growth, fees must match exactly")
    func poolFeesNoGrowth() throws {
        let x = expectation { $0.pools[a] = PoolHolding(tokens: 10, fees: 700) }
        var actual = x.state
        actual.pools[a]?.fees = 701
        #expect(x.mismatches(against: actual) == [Mismatch(field: "\(pa).fees", expected: "700 + [0, 0]", actual: "701", asset: .fund)])
    }

    @Test("reservation and redemption statuses are named by id; a missing one reads \"missing\"")
    func statuses() {
        let x = expectation {
            $0.reservations = [7: "RESERVED", 8: "RESERVED"]
            $0.redemptions = [21: "PENDING", 22: "SUCCESSFUL"]
        }
        var actual = x.state
        actual.reservations = [7: "RESERVED"]
        actual.redemptions = [21: "DEFAULTED", 22: "SUCCESSFUL"]
        #expect(x.mismatches(against: actual) == [
            Mismatch(field: "reservation[8].status", expected: "RESERVED", actual: "missing"),
            Mismatch(field: "redemption[21].status", expected: "PENDING", actual: "DEFAULTED"),
        ])
    }

    @Test("violations found while deriving come first, then fields in order")
    func order() {
        let violation = Mismatch(field: "\(pa).nat_paid", expected: "[5, 5]", actual: "4")
        var x = expectation { $0.pools[a] = PoolHolding(tokens: 1); $0.redemptions = [21: "PENDING"] }
        x.violations = [violation]
        var actual = x.state
        actual.nat -= 1
        actual.fund += 1
        actual.pools[a] = PoolHolding(tokens: 2)
        actual.redemptions = [:]
        #expect(x.mismatches(against: actual).map(\.field) == ["\(pa).nat_paid", "nat", "fund", "\(pa).tokens", "redemption[21].status"])
    }
}
