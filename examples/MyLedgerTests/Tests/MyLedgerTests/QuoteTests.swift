import Fixtures
import Networks
import Testing

/// A user's pricing check: every quote follows SPEC's arithmetic, computed here, never
/// copied from the node.
@Suite("My quote checks", .testTimestamp(DEFAULT_TEST_TIMESTAMP))
struct QuoteTests {
    @Test("a buy quote is the price plus fees that split the price", arguments: [
        (Int64(9_000), Int64(1_000)), (5_000, 5_000), (10_000, 0),
    ])
    func buyQuote(creatorBps: Int64, protocolBps: Int64) async throws {
        let price = 1_000 * Units.nat
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setPricingAndFees(price: price, creatorBps: creatorBps, protocolBps: protocolBps)
        let alice = try await env.registerTestCreator("alice")

        let quote = try await env.keys.buyQuote(creator: alice.address)
        let protocolFee = price * Int128(protocolBps) / 10_000
        #expect(quote.protocolFee == protocolFee)
        #expect(quote.creatorFee == price - protocolFee)
        #expect(quote.totalAmount == 2 * price)

        let buyer = try await env.newAccount(nat: 5_000 * Units.nat)
        let watch = try await BalanceWatch.nat(of: buyer.address, on: env.connection.chain)
        let receipt = try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        expectSpecFee(receipt, .creatorKeys, "buy_key")
        try await watch.expectChange(by: -(2 * price + Int128(120_000) * SpecGas.gasPrice), "the buyer's NAT")
    }
}
