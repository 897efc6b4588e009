@testable import Fixtures
import Foundation
import Networks
import Testing

/// A `redeem` is signed, and its nonce and hash are on disk, before it is sent. A process
/// killed after the node made the requests but before they were saved leaves only that
/// intent; collecting (as `ledgerqa recover` does, in a new process's view of the keystore)
/// looks the receipt up, tracks the requests it made, and waits for their payment before it
/// returns the UND. Without it the bot's payment would arrive after the account was emptied.
@Suite("Redeem intents: a redemption outlives a crash before its requests are saved", .timeLimit(.minutes(5)))
struct RedeemIntentTests {
    struct StoppedHere: Error {}

    actor Recorded {
        var intent: TransactionIntent?
        func set(_ intent: TransactionIntent) { self.intent = intent }
    }

    /// Mints one lot, then sends a one-lot redeem whose intent is saved as `RedeemActions`
    /// saves it, and "stops": its requests never reach the book. Returns the recorded intent.
    static func redeemThenStop(_ user: LoadUser, sending: Bool) async throws -> TransactionIntent {
        let agent = try #require(user.agents.first, "a public agent")
        _ = try await MintActions.mint(user, agent: agent, lots: 1, executeNow: true)
        let recorded = Recorded()
        do {
            try await user.send(user.asset.redeem(lots: 1, agent: nil), phase: "redeem", recordIntent: { intent in
                user.book.redeemIntent = intent
                try await user.saveDurably()
                await recorded.set(intent)
                if !sending { throw StoppedHere() }
            })
        } catch is StoppedHere {}
        return try #require(await recorded.intent, "the intent reached the recorder")
    }

    /// The user's record as the keystore holds it, which is all a restarted process knows.
    static func stored(_ user: LoadUser) throws -> UserRecord {
        try #require(try user.keystore.records().first { $0.address == user.address }, "the user's keystore record")
    }

    static func withUser(_ body: @Sendable (LoadUser, LoadRun) async throws -> Void) async throws {
        let test = try #require(Test.current)
        try await LoadUsersTrait(count: 1).provideScope(for: test, testCase: Test.Case.current) {
            let run = try LoadRun.current
            try await body(try #require(run.users.first), run)
        }
    }

    @Test("a redeem included before the stop: recovery tracks its request and returns the bot's payment")
    func includedEarlier() async throws {
        try await Self.withUser { user, run in
            let intent = try await Self.redeemThenStop(user, sending: true)
            let record = try Self.stored(user)
            #expect(record.book.redemptions.isEmpty && record.book.redeemIntent == intent, "the keystore holds the intent only")
            // SPEC 6: the receipt's result names the request the redeem made.
            let result = try RedeemResult(json: try #require(try await user.native.chain.receipt(intent.hash).result))
            let request = try #require(result.requests.first)
            #expect(result.requests.count == 1 && request.lots == 1)

            let outcome = try #require(await Recovery.collect([record], keystore: user.keystore, context: run.context, funder: run.funder).first)
            #expect(outcome.record.book.redeemIntent == nil, "the intent is resolved")
            let status = try await user.asset.redemption(request.requestID)
            #expect(status.status == "SUCCESSFUL" && status.paymentHash != nil, "recovery waited for the bot's payment before it emptied the account")
            let und = try await UnderlyingChain(rpc: user.native.chain.rpc).balance(of: user.underlying.address)
            #expect(und <= LoadRun.dust.und, "the bot's payment was returned with the rest: \(und) drops left")
            let after = try Self.stored(user)
            #expect(after.book.redeemIntent == nil && after.book.redemptions.isEmpty && after.status == .collected, "nothing is left open")
        }
    }

    @Test("a redeem recorded but never sent made no request: recovery drops the intent and collects as usual")
    func neverSent() async throws {
        try await Self.withUser { user, run in
            let intent = try await Self.redeemThenStop(user, sending: false)
            #expect(try await user.native.chain.receiptIfIncluded(intent.hash) == nil, "nothing was sent before the stop")
            let record = try Self.stored(user)
            #expect(record.book.redeemIntent == intent)
            let outcome = try #require(await Recovery.collect([record], keystore: user.keystore, context: run.context, funder: run.funder).first)
            #expect(outcome.record.book.redeemIntent == nil && outcome.record.book.redemptions.isEmpty)
            #expect(outcome.record.status == .collected, "nothing is left open: the account is collected")
            #expect(try Self.stored(user).book.redeemIntent == nil, "the keystore no longer holds the intent")
        }
    }
}
