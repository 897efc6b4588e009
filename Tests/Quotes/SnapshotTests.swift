import Fixtures
import Networks
import Testing

/// Representative journeys recorded as reviewed transcripts under `test_snapshots/Quotes/`.
@Suite("Quotes: snapshots", .testTimestamp(DEFAULT_TEST_TIMESTAMP), .timeLimit(.minutes(5)))
struct SnapshotTests {
    /// A fresh instance whose calls from here on are recorded, with its actors named.
    static func recordedEnv(price: Int128, creatorBps: Int64, protocolBps: Int64) async throws
        -> (Transcript, CreatorKeysTestEnv, alice: Account, buyer: Account)
    {
        let transcript = Transcript()
        let env = try await CreatorKeysTestEnv.deploy().recording(into: transcript)
        transcript.alias(env.keys.id, as: "creator_keys")
        transcript.alias(env.admin.address, as: "admin")
        try await env.setPricingAndFees(price: price, creatorBps: creatorBps, protocolBps: protocolBps)
        let alice = try await env.registerTestCreator("alice")
        let buyer = try await env.newAccount()
        transcript.alias(alice.address, as: "alice")
        transcript.alias(buyer.address, as: "buyer")
        return (transcript, env, alice, buyer)
    }

    @Test("a buy and a sell at a 9000/1000 split")
    func buyAndSell() async throws {
        let (transcript, env, alice, buyer) = try await Self.recordedEnv(price: 1_000_000, creatorBps: 9000, protocolBps: 1000)
        let quote = try await env.keys.buyQuote(creator: alice.address)
        try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        _ = try await env.keys.sellQuote(creator: alice.address, holder: buyer.address)
        try await env.keys.sellKey(creator: alice.address, by: buyer)
        _ = try await buyer.balance()
        _ = try await env.keys.treasuryBalance()
        _ = try await env.keys.creatorFeeBalance(creator: alice.address)
        expectSnapshot(transcript, named: "journey")
    }

    @Test("refused and reverted buys leave a readable trail")
    func failedBuys() async throws {
        let (transcript, env, alice, buyer) = try await Self.recordedEnv(price: 1000, creatorBps: 5000, protocolBps: 5000)
        let quote = try await env.keys.buyQuote(creator: alice.address)
        _ = try? await env.keys.buyKey(creator: alice.address, payment: quote.price, by: buyer)
        _ = try? await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, maxPrice: 999, by: buyer)
        try await env.keys.pause(by: env.admin)
        _ = try? await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        _ = try? await env.keys.sellQuote(creator: alice.address, holder: buyer.address)
        _ = try await buyer.balance()
        expectSnapshot(transcript, named: "journey")
    }

    @Test("three buys on a quadratic curve")
    func quadraticBuys() async throws {
        let (transcript, env, alice, buyer) = try await Self.recordedEnv(price: 100, creatorBps: 8000, protocolBps: 2000)
        try await env.keys.setCurve(.quadratic, slope: 7, by: env.admin)
        for _ in 1...3 {
            let quote = try await env.keys.buyQuote(creator: alice.address)
            try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        }
        _ = try await env.keys.reserveBalance()
        expectSnapshot(transcript, named: "journey")
    }
}
