@testable import Fixtures
import Foundation
import Networks
import Testing

/// A minting's payment is signed, and its sequence and hash are on disk, before UND leaves.
/// A process that stops anywhere after that point and is started again (or `ledgerqa recover`)
/// executes the minting without paying twice: each test stops "the process" at one point by
/// throwing out of the payment, reloads the minting from the keystore as a new process would,
/// and executes it.
@Suite("Payment intents: a minting is paid at most once across a crash", .timeLimit(.minutes(5)))
struct PaymentIntentTests {
    struct StoppedHere: Error {}

    /// The minting as the keystore holds it, which is all a restarted process knows.
    static func stored(_ user: LoadUser, _ id: Int64) throws -> UserBook.Minting {
        let record = try #require(try user.keystore.records().first { $0.address == user.address }, "the user's keystore record")
        return try #require(record.book.mintings.first { $0.reservation.reservationID == id }, "minting \(id) in the keystore")
    }

    /// Reserves one lot and pays it, stopping after the payment is sent (or just before); returns the reservation and the recorded intent.
    static func payThenStop(_ user: LoadUser, sending: Bool) async throws -> (CollateralReservation, TransactionIntent) {
        let agent = try #require(user.agents.first, "a public agent")
        let reservation = try await MintActions.reserve(user, agent: agent, lots: 1)
        let id = reservation.reservationID
        let recorded = Recorded()
        do {
            _ = try await user.pay(reservation.paymentAmount, to: reservation.paymentAddress, reference: reservation.paymentReference,
                phase: "pay", recordIntent: { intent in
                    try await MintActions.record(intent, of: id, in: user)
                    await recorded.set(intent)
                    if !sending { throw StoppedHere() }
                })
        } catch is StoppedHere {}
        // Stopped after sending (or before it): the hash was never saved beside the reservation.
        return (reservation, try #require(await recorded.intent, "the intent reached the recorder"))
    }

    actor Recorded {
        var intent: TransactionIntent?
        func set(_ intent: TransactionIntent) { self.intent = intent }
    }

    static func withUser(_ body: @Sendable (LoadUser) async throws -> Void) async throws {
        let test = try #require(Test.current)
        try await LoadUsersTrait(count: 1).provideScope(for: test, testCase: Test.Case.current) {
            try await body(try #require(try LoadRun.current.users.first))
        }
    }

    @Test("a payment included before the stop is found by its hash and not sent again")
    func includedEarlier() async throws {
        try await Self.withUser { user in
            let (reservation, intent) = try await Self.payThenStop(user, sending: true)
            let minting = try Self.stored(user, reservation.reservationID)
            #expect(minting.paymentHash == nil && minting.paymentIntent?.hash == intent.hash, "the keystore holds the intent only")
            let und = UnderlyingChain(rpc: user.native.chain.rpc)
            let before = try await und.balance(of: user.underlying.address)
            let proof = try await MintActions.execute(user, minting)
            #expect(proof.json["tx_hash"]?.stringValue == intent.hash, "executed with the payment made before the stop")
            #expect(try await und.balance(of: user.underlying.address) == before, "no UND left the user a second time")
            #expect(try await user.asset.reservation(reservation.reservationID).status == "EXECUTED")
        }
    }

    @Test("a payment recorded but never sent goes out now with the same signed bytes, once")
    func sentNow() async throws {
        try await Self.withUser { user in
            let (reservation, intent) = try await Self.payThenStop(user, sending: false)
            let und = UnderlyingChain(rpc: user.native.chain.rpc)
            #expect(try await und.transactionIfIncluded(intent.hash) == nil, "nothing was sent before the stop")
            let before = try await und.balance(of: user.underlying.address)
            let proof = try await MintActions.execute(user, try Self.stored(user, reservation.reservationID))
            #expect(proof.json["tx_hash"]?.stringValue == intent.hash, "the recorded transaction itself was sent")
            // SPEC 6/7: the payment's amount plus the underlying chain's fixed fee, once.
            let paid = reservation.paymentAmount + UnderlyingChain.transactionFee
            #expect(try await und.balance(of: user.underlying.address) == before - paid)
            #expect(try await user.asset.reservation(reservation.reservationID).status == "EXECUTED")
        }
    }

    @Test("a recorded payment whose sequence another transaction took was never made: it is paid afresh, once")
    func neverMade() async throws {
        try await Self.withUser { user in
            let (reservation, intent) = try await Self.payThenStop(user, sending: false)
            let partner = try #require(user.partner)
            let other = try await user.pay(1, to: partner.underlying.address, reference: nil, phase: "take-the-sequence")
            #expect(other.status == .success && other.hash != intent.hash)
            let und = UnderlyingChain(rpc: user.native.chain.rpc)
            let before = try await und.balance(of: user.underlying.address)
            let proof = try await MintActions.execute(user, try Self.stored(user, reservation.reservationID))
            #expect(proof.json["tx_hash"]?.stringValue != intent.hash, "a new payment, the recorded one can never be included")
            #expect(try await und.transactionIfIncluded(intent.hash) == nil)
            let paid = reservation.paymentAmount + UnderlyingChain.transactionFee
            #expect(try await und.balance(of: user.underlying.address) == before - paid)
            #expect(try await user.asset.reservation(reservation.reservationID).status == "EXECUTED")
        }
    }
}
