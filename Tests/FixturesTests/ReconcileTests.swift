@testable import Fixtures
import Networks
import Testing

/// `ExpectedState.reconcile`: what may happen to a user without its own action (a bot pays
/// a request, an unpaid reservation expires) is explained; anything else stays a mismatch.
@Suite("Reconciling what happened without the user")
struct ReconcileTests {
    let s: AssetSettingsInfo
    init() throws { s = try EngineSamples.settings() }

    func book(redeeming: [RedemptionRequest] = [], minting: [CollateralReservation] = []) -> UserBook {
        var book = UserBook()
        book.redemptions = redeeming.map { UserBook.Redemption(request: $0) }
        book.mintings = minting.map { UserBook.Minting(reservation: $0, agentFeeBips: 50, paymentHash: nil) }
        return book
    }

    @Test("PENDING → SUCCESSFUL adds value − floor(value·10/10^4) UND")
    func botPaid() throws {
        var expectation = StateExpectation(state: EngineSamples.funded())
        expectation.state.redemptions = [21: "PENDING"]
        var actual = EngineSamples.funded()
        actual.und = 519_980_000  // 5·10^8 + 2·10^7 − floor(2·10^7·10/10^4) = 5·10^8 + 19_980_000
        actual.redemptions = [21: "SUCCESSFUL"]
        ExpectedState.reconcile(&expectation, actual: actual, book: book(redeeming: [try EngineSamples.request(21, lots: 2)]), settings: s)
        #expect(expectation.state.und == 519_980_000, "und")
        #expect(expectation.state.redemptions == [21: "SUCCESSFUL"], "status")
        #expect(expectation.mismatches(against: actual).isEmpty, "\(expectation.mismatches(against: actual))")
    }

    @Test("each paid request of several adds its own pay_uba; a still pending one adds nothing")
    func severalRequests() throws {
        var expectation = StateExpectation(state: EngineSamples.funded())
        expectation.state.redemptions = [21: "PENDING", 22: "PENDING", 23: "PENDING"]
        var actual = EngineSamples.funded()
        actual.redemptions = [21: "SUCCESSFUL", 22: "PENDING", 23: "SUCCESSFUL"]
        let requests = [try EngineSamples.request(21, lots: 1), try EngineSamples.request(22, lots: 2),
                        try EngineSamples.request(23, agent: EngineSamples.agentB, lots: 3)]
        ExpectedState.reconcile(&expectation, actual: actual, book: book(redeeming: requests), settings: s)
        // (10^7 − 10^4) + (3·10^7 − 3·10^4) = 9_990_000 + 29_970_000
        #expect(expectation.state.und == 500_000_000 + 39_960_000, "und")
        #expect(expectation.state.redemptions == [21: "SUCCESSFUL", 22: "PENDING", 23: "SUCCESSFUL"])
    }

    @Test("RESERVED → EXPIRED is accepted; the reservation fee is not returned")
    func expired() throws {
        var expectation = StateExpectation(state: EngineSamples.funded())
        expectation.state.reservations = [7: "RESERVED"]
        var actual = EngineSamples.funded()
        actual.reservations = [7: "EXPIRED"]
        ExpectedState.reconcile(&expectation, actual: actual, book: book(minting: [try EngineSamples.reservation(7, lots: 2, feeBips: 50)]),
            settings: s)
        #expect(expectation.state.reservations == [7: "EXPIRED"])
        #expect(expectation.state.nat == EngineSamples.funded().nat, "nat")
        #expect(expectation.mismatches(against: actual).isEmpty, "\(expectation.mismatches(against: actual))")
    }

    @Test("other status changes and requests outside the book stay mismatches")
    func unexplained() throws {
        var expectation = StateExpectation(state: EngineSamples.funded())
        expectation.state.redemptions = [21: "PENDING", 24: "PENDING"]
        expectation.state.reservations = [7: "RESERVED"]
        var actual = EngineSamples.funded()
        actual.redemptions = [21: "DEFAULTED", 24: "SUCCESSFUL"]
        actual.reservations = [7: "EXECUTED"]
        let b = book(redeeming: [try EngineSamples.request(21, lots: 1)], minting: [try EngineSamples.reservation(7, lots: 1, feeBips: 50)])
        ExpectedState.reconcile(&expectation, actual: actual, book: b, settings: s)
        #expect(expectation.state.und == 500_000_000, "nothing explained, nothing added")
        let fields = expectation.mismatches(against: actual).map(\.field)
        #expect(fields == ["reservation[7].status", "redemption[21].status", "redemption[24].status"], "\(fields)")
    }
}
