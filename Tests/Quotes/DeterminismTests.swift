import Fixtures
import Networks
import Testing

@Suite("Quotes: determinism", .testTimestamp(DEFAULT_TEST_TIMESTAMP), .timeLimit(.minutes(5)))
struct DeterminismTests {
    /// The seed's `setup_with_fees`: a fresh instance at `price` with a 9000/1000 split and creator "alice".
    static func setupWithFees(price: Int128) async throws -> (CreatorKeysTestEnv, Account) {
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setPricingAndFees(price: price, creatorBps: 9000, protocolBps: 1000)
        return (env, try await env.registerTestCreator("alice"))
    }

    @Test("buy quote is identical across consecutive calls")
    func consecutiveCalls() async throws {
        let (env, alice) = try await Self.setupWithFees(price: 1000)
        let first = try await env.keys.buyQuote(creator: alice.address)
        for call in 2...10 {
            #expect(try await env.keys.buyQuote(creator: alice.address) == first, "call \(call) differs from the first")
        }
    }

    @Test("buy quote is stable across 50 sequential purchases on the flat curve")
    func stableAcrossPurchases() async throws {
        let (env, alice) = try await Self.setupWithFees(price: 750)
        let initial = try await env.keys.buyQuote(creator: alice.address)
        let buyer = try await env.newAccount()
        for i in 1...50 {
            try await env.keys.buyKey(creator: alice.address, payment: initial.totalAmount, by: buyer)
            let current = try await env.keys.buyQuote(creator: alice.address)
            #expect(current.price == initial.price, "price must remain constant after \(i) purchases")
            #expect(current.creatorFee == initial.creatorFee, "creator_fee must remain constant after \(i) purchases")
            #expect(current.protocolFee == initial.protocolFee, "protocol_fee must remain constant after \(i) purchases")
            #expect(current.totalAmount == initial.totalAmount, "total_amount must remain constant after \(i) purchases")
        }
        #expect(try await env.keys.totalKeySupply(creator: alice.address) == 50)
    }

    @Test("quotes are independent across creators")
    func independentAcrossCreators() async throws {
        let (env, alice) = try await Self.setupWithFees(price: 1000)
        let bob = try await env.registerTestCreator("bob")
        let aliceQuote = try await env.keys.buyQuote(creator: alice.address)
        let bobQuote = try await env.keys.buyQuote(creator: bob.address)
        #expect(aliceQuote == bobQuote, "all creators share the global price")
        let buyer = try await env.newAccount()
        for _ in 1...3 { try await env.keys.buyKey(creator: alice.address, payment: aliceQuote.totalAmount, by: buyer) }
        #expect(try await env.keys.buyQuote(creator: bob.address) == bobQuote, "bob's quote ignores alice's supply")
        #expect(try await env.keys.totalKeySupply(creator: alice.address) == 3)
        #expect(try await env.keys.totalKeySupply(creator: bob.address) == 0)
    }

    @Test("only set_key_price changes the quote")
    func onlySetKeyPriceChangesQuote() async throws {
        let (env, alice) = try await Self.setupWithFees(price: 1000)
        let initial = try await env.keys.buyQuote(creator: alice.address)
        try await env.keys.pause(by: env.admin)
        try await env.keys.unpause(by: env.admin)
        try await env.setTestTimestamp(DEFAULT_TEST_TIMESTAMP + 86_400)
        _ = try await env.registerTestCreator("carol")
        let holder = try await env.newAccount()
        try await env.keys.buyKey(creator: alice.address, payment: initial.totalAmount, by: holder)
        try await env.keys.sellKey(creator: alice.address, by: holder)
        #expect(try await env.keys.buyQuote(creator: alice.address) == initial, "pause, clock, registrations and trades leave it")
        try await env.setKeyPrice(2000)
        #expect(try await env.keys.buyQuote(creator: alice.address) == Spec.buyQuote(price: 2000, protocolBps: 1000))
    }
}
