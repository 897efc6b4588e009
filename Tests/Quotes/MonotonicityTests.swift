import Fixtures
import Networks
import Testing

@Suite("Quotes: monotonicity", .testTimestamp(DEFAULT_TEST_TIMESTAMP), .timeLimit(.minutes(5)))
struct MonotonicityTests {
    struct Curve: Sendable, CustomTestStringConvertible {
        let kind: CurveKind
        let slope: Int128
        var testDescription: String { "\(kind.rawValue) slope \(slope)" }
    }

    @Test("buy quote never decreases and follows the curve over 50 purchases",
        arguments: [Curve(kind: .linear, slope: 3), Curve(kind: .quadratic, slope: 2), Curve(kind: .flat, slope: 0)])
    func buyQuoteFollowsCurve(curve: Curve) async throws {
        let base: Int128 = 1000
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setPricingAndFees(price: base, creatorBps: 8000, protocolBps: 2000)
        try await env.keys.setCurve(curve.kind, slope: curve.slope, by: env.admin)
        let alice = try await env.registerTestCreator("alice")
        let buyer = try await env.newAccount()
        var previous: Int128 = 0
        for supply in Int128(0)..<50 {
            let quote = try await env.keys.buyQuote(creator: alice.address)
            let expectedPrice = Spec.price(curve.kind, base: base, slope: curve.slope, supply: supply)
            #expect(quote == Spec.buyQuote(price: expectedPrice, protocolBps: 2000), "quote at supply \(supply)")
            #expect(quote.totalAmount >= previous, "quote decreased at supply \(supply)")
            previous = quote.totalAmount
            try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        }
    }

    @Test("sell quote is stable across incremental sells until the balance reaches 0")
    func sellQuoteStableUntilEmpty() async throws {
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setPricingAndFees(price: 500, creatorBps: 9000, protocolBps: 1000)
        let alice = try await env.registerTestCreator("alice")
        let holder = try await env.newAccount()
        let buy = try await env.keys.buyQuote(creator: alice.address)
        for _ in 1...5 { try await env.keys.buyKey(creator: alice.address, payment: buy.totalAmount, by: holder) }
        let initial = try await env.keys.sellQuote(creator: alice.address, holder: holder.address)
        #expect(initial == Spec.sellQuote(price: 500, protocolBps: 1000))
        for remaining in stride(from: 5, to: 0, by: -1) {
            #expect(try await env.keys.sellQuote(creator: alice.address, holder: holder.address) == initial,
                "sell quote with \(remaining) keys left")
            try await env.keys.sellKey(creator: alice.address, by: holder)
        }
        #expect(try await env.keys.keyBalance(creator: alice.address, holder: holder.address) == 0)
        await #expect(throws: CreatorKeysError.insufficientBalance) {
            try await env.keys.sellQuote(creator: alice.address, holder: holder.address)
        }
    }

    @Test("sell quote on a linear curve is priced at supply minus one")
    func sellQuoteOnLinearCurve() async throws {
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setPricingAndFees(price: 1000, creatorBps: 9000, protocolBps: 1000)
        try await env.keys.setCurve(.linear, slope: 10, by: env.admin)
        let alice = try await env.registerTestCreator("alice")
        let holder = try await env.newAccount()
        for _ in 1...4 {
            let q = try await env.keys.buyQuote(creator: alice.address)
            try await env.keys.buyKey(creator: alice.address, payment: q.totalAmount, by: holder)
        }
        for supply in stride(from: Int128(4), to: 0, by: -1) {
            let expected = Spec.sellQuote(price: Spec.price(.linear, base: 1000, slope: 10, supply: supply - 1), protocolBps: 1000)
            #expect(try await env.keys.sellQuote(creator: alice.address, holder: holder.address) == expected, "at supply \(supply)")
            try await env.keys.sellKey(creator: alice.address, by: holder)
        }
    }
}
