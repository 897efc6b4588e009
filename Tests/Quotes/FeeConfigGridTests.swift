import Fixtures
import Networks
import Testing

@Suite("Quotes: fee-config grid", .testTimestamp(DEFAULT_TEST_TIMESTAMP), .timeLimit(.minutes(5)))
struct FeeConfigGridTests {
    /// Seed 004's table, the cap and rounding edges, and out-of-range bps.
    static let splits: [FeeSplit] = [
        FeeSplit(9000, 1000), FeeSplit(5000, 5000), FeeSplit(10000, 0), FeeSplit(0, 10000), FeeSplit(9000, 0),
        FeeSplit(8000, 2000), FeeSplit(9999, 1), FeeSplit(1, 9999), FeeSplit(5001, 4999), FeeSplit(4999, 5001),
        FeeSplit(10001, -1), FeeSplit(-1, 10001), FeeSplit(20000, -10000), FeeSplit(7500, 2500), FeeSplit(6667, 3333),
        FeeSplit(5000, 4999), FeeSplit(0, 0), FeeSplit(9500, 500),
    ]

    /// The smallest price whose buy total (twice the price) overflows Int128.
    static let overflowingPrice = Int128.max / 2 + 1

    static let prices: [Int128] = [1, 2, 3, 7, 999, 1000, 1_000_000, 1_000_000_000_000_000_000, overflowingPrice]

    @Test("buy and sell quotes follow SPEC 4 for every fee config and price", arguments: splits, prices)
    func quoteFollowsSpec(split: FeeSplit, price: Int128) async throws {
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setKeyPrice(price)
        if let expected = split.expectedError {
            await #expect(throws: expected, "set_fee_config(\(split.testDescription))") {
                try await env.setFeeConfig(creatorBps: split.creatorBps, protocolBps: split.protocolBps)
            }
            let creator = try await env.registerTestCreator("alice")
            await #expect(throws: CreatorKeysError.feeConfigNotSet, "a refused config leaves the fee config unset") {
                try await env.keys.buyQuote(creator: creator.address)
            }
            return
        }
        try await env.setFeeConfig(creatorBps: split.creatorBps, protocolBps: split.protocolBps)
        let creator = try await env.registerTestCreator("alice")
        guard let expected = Spec.buyQuote(price: price, protocolBps: split.protocolBps) else {
            await #expect(throws: CreatorKeysError.overflow, "total_amount of price \(price) overflows Int128") {
                try await env.keys.buyQuote(creator: creator.address)
            }
            return
        }
        let quote = try await env.keys.buyQuote(creator: creator.address)
        #expect(quote == expected)
        #expect(quote.creatorFee + quote.protocolFee == price, "the fee shares are shares of the price")

        // Buy one key where the price is affordable and check where every wei went.
        guard expected.totalAmount + Spec.fee(gas: Spec.buyGas) <= 1_000 * Units.nat else { return }
        let buyer = try await env.newAccount()
        let before = try await buyer.balance()
        try await env.keys.buyKey(creator: creator.address, payment: quote.totalAmount, by: buyer)
        #expect(try await buyer.balance() == before - expected.totalAmount - Spec.fee(gas: Spec.buyGas), "buyer pays total + gas")
        #expect(try await env.keys.reserveBalance() == price, "the price goes to the reserve")
        #expect(try await env.keys.treasuryBalance() == expected.protocolFee, "the protocol fee goes to the treasury")
        #expect(try await env.keys.creatorFeeBalance(creator: creator.address) == expected.creatorFee, "the creator fee goes to the creator")
        let sell = try await env.keys.sellQuote(creator: creator.address, holder: buyer.address)
        #expect(sell == Spec.sellQuote(price: price, protocolBps: split.protocolBps))
    }
}
