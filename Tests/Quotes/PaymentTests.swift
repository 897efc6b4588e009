import Fixtures
import Networks
import Testing

@Suite("Quotes: payments", .testTimestamp(DEFAULT_TEST_TIMESTAMP), .timeLimit(.minutes(5)))
struct PaymentTests {
    static func setup(price: Int128 = 1000) async throws -> (CreatorKeysTestEnv, Account, Account) {
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setPricingAndFees(price: price, creatorBps: 9000, protocolBps: 1000)
        return (env, try await env.registerTestCreator("alice"), try await env.newAccount())
    }

    @Test("paying the price instead of total_amount reverts with InsufficientPayment and moves only gas")
    func payingPriceOnly() async throws {
        let (env, alice, buyer) = try await Self.setup()
        let quote = try await env.keys.buyQuote(creator: alice.address)
        let before = try await buyer.balance()
        await #expect(throws: CreatorKeysError.insufficientPayment) {
            try await env.keys.buyKey(creator: alice.address, payment: quote.price, by: buyer)
        }
        #expect(try await buyer.balance() == before - Spec.fee(gas: Spec.buyGas), "only the gas of the reverted call is charged")
        #expect(try await env.keys.totalKeySupply(creator: alice.address) == 0)
        #expect(try await env.keys.reserveBalance() == 0)
        #expect(try await env.keys.treasuryBalance() == 0)
        #expect(try await env.keys.creatorFeeBalance(creator: alice.address) == 0)
    }

    @Test("overpaying takes exactly total_amount")
    func overpaying() async throws {
        let (env, alice, buyer) = try await Self.setup()
        let quote = try await env.keys.buyQuote(creator: alice.address)
        let before = try await buyer.balance()
        try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount * 10, by: buyer)
        #expect(try await buyer.balance() == before - quote.totalAmount - Spec.fee(gas: Spec.buyGas))
        #expect(try await env.keys.keyBalance(creator: alice.address, holder: buyer.address) == 1)
    }

    @Test("a buy above max_price reverts with SlippageExceeded; at max_price it succeeds")
    func slippage() async throws {
        let (env, alice, buyer) = try await Self.setup()
        let quote = try await env.keys.buyQuote(creator: alice.address)
        await #expect(throws: CreatorKeysError.slippageExceeded) {
            try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, maxPrice: quote.price - 1, by: buyer)
        }
        try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, maxPrice: quote.price, by: buyer)
        #expect(try await env.keys.totalKeySupply(creator: alice.address) == 1)
    }

    @Test("buys and sells revert with ProtocolPaused while paused and work again after unpause")
    func paused() async throws {
        let (env, alice, buyer) = try await Self.setup()
        let quote = try await env.keys.buyQuote(creator: alice.address)
        try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        try await env.keys.pause(by: env.admin)
        await #expect(throws: CreatorKeysError.protocolPaused) {
            try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        }
        await #expect(throws: CreatorKeysError.protocolPaused) { try await env.keys.sellKey(creator: alice.address, by: buyer) }
        #expect(try await env.keys.buyQuote(creator: alice.address) == quote, "quotes stay readable while paused")
        try await env.keys.unpause(by: env.admin)
        try await env.keys.sellKey(creator: alice.address, by: buyer)
        #expect(try await env.keys.totalKeySupply(creator: alice.address) == 0)
    }

    enum AdminSetter: String, CaseIterable, Sendable {
        case setKeyPrice = "set_key_price", setFeeConfig = "set_fee_config", setCurve = "set_curve", pause, unpause
        case setTestTimestamp = "set_test_timestamp", withdrawTreasury = "withdraw_treasury"

        func call(_ keys: CreatorKeys, by account: Account) async throws {
            switch self {
            case .setKeyPrice: try await keys.setKeyPrice(5, by: account)
            case .setFeeConfig: try await keys.setFeeConfig(creatorBps: 5000, protocolBps: 5000, by: account)
            case .setCurve: try await keys.setCurve(.linear, slope: 1, by: account)
            case .pause: try await keys.pause(by: account)
            case .unpause: try await keys.unpause(by: account)
            case .setTestTimestamp: try await keys.setTestTimestamp(1, by: account)
            case .withdrawTreasury: try await keys.withdrawTreasury(1, to: account.address, by: account)
            }
        }
    }

    @Test("every admin setter reverts with Unauthorized for a non-admin", arguments: AdminSetter.allCases)
    func unauthorized(setter: AdminSetter) async throws {
        let (env, alice, stranger) = try await Self.setup()
        let quote = try await env.keys.buyQuote(creator: alice.address)
        try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: stranger)
        await #expect(throws: CreatorKeysError.unauthorized, "\(setter.rawValue) by a non-admin") {
            try await setter.call(env.keys, by: stranger)
        }
        #expect(try await env.keys.buyQuote(creator: alice.address) == quote, "nothing changed")
        #expect(try await env.keys.treasuryBalance() == quote.protocolFee, "the treasury is untouched")
        try await setter.call(env.keys, by: env.admin)  // the admin may
    }

    @Test("the admin withdraws exactly the amount asked from the treasury")
    func withdrawTreasury() async throws {
        let (env, alice, buyer) = try await Self.setup(price: 1_000_000)
        let quote = try await env.keys.buyQuote(creator: alice.address)
        try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
        let to = try await env.newAccount(nat: 1)
        await #expect(throws: CreatorKeysError.insufficientBalance) {
            try await env.keys.withdrawTreasury(quote.protocolFee + 1, to: to.address, by: env.admin)
        }
        await #expect(throws: CreatorKeysError.notPositiveAmount) { try await env.keys.withdrawTreasury(0, to: to.address, by: env.admin) }
        try await env.keys.withdrawTreasury(quote.protocolFee, to: to.address, by: env.admin)
        #expect(try await to.balance() == 1 + quote.protocolFee)
        #expect(try await env.keys.treasuryBalance() == 0)
    }

    struct HandleCase: Sendable, CustomTestStringConvertible {
        let handle: String
        let error: CreatorKeysError?
        var testDescription: String { "\"\(handle)\" -> \(error.map(\.name) ?? "ok")" }
    }

    @Test("handles are 3 to 32 characters of a-z, 0-9 and underscore", arguments: [
        HandleCase(handle: "ab", error: .handleTooShort), HandleCase(handle: "", error: .handleTooShort),
        HandleCase(handle: String(repeating: "a", count: 33), error: .handleTooLong),
        HandleCase(handle: "Alice", error: .invalidHandleCharacter), HandleCase(handle: "al-ice", error: .invalidHandleCharacter),
        HandleCase(handle: "al ice", error: .invalidHandleCharacter), HandleCase(handle: "élan", error: .invalidHandleCharacter),
        HandleCase(handle: "abc", error: nil), HandleCase(handle: "a_1", error: nil),
        HandleCase(handle: String(repeating: "z", count: 32), error: nil),
    ])
    func handleRules(testCase: HandleCase) async throws {
        let env = try await CreatorKeysTestEnv.deploy()
        let creator = try await env.newAccount()
        if let error = testCase.error {
            await #expect(throws: error) { try await env.keys.registerCreator(handle: testCase.handle, by: creator) }
        } else {
            try await env.keys.registerCreator(handle: testCase.handle, by: creator)
            await #expect(throws: CreatorKeysError.alreadyRegistered, "an address registers once") {
                try await env.keys.registerCreator(handle: "other_handle", by: creator)
            }
        }
    }

    @Test("quotes and buys name what is missing: NotRegistered, KeyPriceNotSet, FeeConfigNotSet")
    func missingSetup() async throws {
        let env = try await CreatorKeysTestEnv.deploy()
        let alice = try await env.registerTestCreator("alice")
        let stranger = try await env.newAccount()
        await #expect(throws: CreatorKeysError.keyPriceNotSet) { try await env.keys.buyQuote(creator: alice.address) }
        await #expect(throws: CreatorKeysError.keyPriceNotSet) { try await env.keys.buyKey(creator: alice.address, payment: 10, by: stranger) }
        try await env.setKeyPrice(100)
        await #expect(throws: CreatorKeysError.feeConfigNotSet) { try await env.keys.buyQuote(creator: alice.address) }
        try await env.setFeeConfig(creatorBps: 9000, protocolBps: 1000)
        await #expect(throws: CreatorKeysError.notRegistered) { try await env.keys.buyQuote(creator: stranger.address) }
        await #expect(throws: CreatorKeysError.notRegistered) { try await env.keys.buyKey(creator: stranger.address, payment: 1000, by: alice) }
        await #expect(throws: CreatorKeysError.notPositiveAmount) { try await env.setKeyPrice(0) }
        #expect(try await env.keys.keyPrice() == 100, "a refused price leaves the old one")
    }
}
