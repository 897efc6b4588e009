import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 4: creators, curves, quotes and fees, buying and selling keys, with every amount from
/// SPEC's formulas and every refusal with its code.
@Suite("Conformance: SPEC 4 creator keys trading", .requiresFunding, .timeLimit(.minutes(5)))
struct CreatorKeysTradingTests {
    static let handles = ["ab", "abc", "a_1", String(repeating: "z", count: 32), String(repeating: "z", count: 33), "Abc", "a-b", "a b",
        "ábc", ""]

    @Test("SPEC 4: a handle is 3 to 32 characters of [a-z0-9_] (HandleTooShort 12, HandleTooLong 13, InvalidHandleCharacter 14)",
        arguments: handles)
    func handle(handle: String) async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.deploy(node)
        let creator = try await node.account()
        let receipt = try await instance.send("register_creator", ["handle": .string(handle)], by: creator)
        if let error = SpecCreatorKeys.handleError(handle) {
            expectReverted(receipt, error)
        } else {
            #expect(receipt.status == .success, "\(receipt.json)")
            #expect(receipt.events.contains { $0.type == "CreatorRegistered" && $0.resource == instance.id }, "\(receipt.events)")
        }
    }

    @Test("SPEC 4: an address registers once (AlreadyRegistered 1)")
    func registerOnce() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.deploy(node)
        let creator = try await instance.creator("first")
        expectReverted(try await instance.send("register_creator", ["handle": "second"], by: creator), .alreadyRegistered)
    }

    @Test("SPEC 4: quotes before the price, the fee config or the registration fail with their codes (5, 7, 2)")
    func quoteErrors() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.deploy(node)
        let creator = try await instance.creator()
        await #expect(throws: CreatorKeysError.keyPriceNotSet) { try await instance.keys.buyQuote(creator: creator.address) }
        try await instance.admin("set_key_price", ["price": "100"])
        await #expect(throws: CreatorKeysError.feeConfigNotSet) { try await instance.keys.buyQuote(creator: creator.address) }
        try await instance.admin("set_fee_config", ["creator_bps": 5_000, "protocol_bps": 5_000])
        await #expect(throws: CreatorKeysError.notRegistered) { try await instance.keys.buyQuote(creator: KeyPair().address) }
        let buyer = try await node.account()
        expectReverted(try await instance.send("buy_key", ["creator": .string(KeyPair().address), "payment": "1000"], by: buyer), .notRegistered)
    }

    /// (price, protocol bps) pairs for the fee arithmetic.
    static let prices: [(Int128, Int64)] = [(1, 5_000), (7, 3_333), (10_001, 2_500), (999_999_999_999, 1), (1_000_000, 0), (3, 5_000)]

    @Test("SPEC 4: protocol_fee = floor(p·bps / 10,000), creator_fee = p − protocol_fee; buy total = p + fees, sell total = p − fees",
        arguments: prices)
    func feeArithmetic(price: Int128, protocolBps: Int64) async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: price, creatorBps: 10_000 - protocolBps, protocolBps: protocolBps)
        let creator = try await instance.creator()
        let expected = try #require(SpecCreatorKeys.buyQuote(price: price, protocolBps: protocolBps))
        #expect(try await instance.keys.buyQuote(creator: creator.address) == expected)
        try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(expected.totalAmount)],
            by: creator).status == .success)
        #expect(try await instance.keys.sellQuote(creator: creator.address, holder: creator.address)
            == SpecCreatorKeys.sellQuote(price: price, protocolBps: protocolBps))
    }

    @Test("SPEC 4: the price at supply s is P, P + slope·s or P + slope·s²; a buy is priced at s, a sell at s − 1",
        arguments: CurveKind.allCases)
    func curves(curve: CurveKind) async throws {
        let node = try await Node.connect()
        let base: Int128 = 1_000
        let slope: Int128 = 37
        let instance = try await KeysInstance.priced(node, price: base, creatorBps: 8_000, protocolBps: 2_000)
        try await instance.admin("set_curve", ["kind": .string(curve.rawValue), "slope": Amount.wire(slope)])
        let read = Self.strings(try await instance.read("get_curve"))
        #expect(read.contains(curve.rawValue) && read.contains(String(slope)), "get_curve reports the kind and slope: \(read)")
        let creator = try await instance.creator()
        let buyer = try await node.account()
        for s in Int128(0)..<4 {
            let price = try #require(SpecCreatorKeys.price(curve, base: base, slope: slope, supply: s))
            let quote = try await instance.keys.buyQuote(creator: creator.address)
            #expect(quote == SpecCreatorKeys.buyQuote(price: price, protocolBps: 2_000), "buy at supply \(s)")
            try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(quote.totalAmount)],
                by: buyer).status == .success)
            let sellPrice = try #require(SpecCreatorKeys.price(curve, base: base, slope: slope, supply: s))
            #expect(try await instance.keys.sellQuote(creator: creator.address, holder: buyer.address)
                == SpecCreatorKeys.sellQuote(price: sellPrice, protocolBps: 2_000), "sell at supply \(s + 1) is priced at \(s)")
        }
        #expect(try await instance.keys.totalKeySupply(creator: creator.address) == 4)
    }

    @Test("SPEC 4: buy_key takes exactly total_amount (never the surplus): price to the reserve, creator_fee to the creator, protocol_fee to the treasury")
    func buy() async throws {
        let node = try await Node.connect()
        let price: Int128 = 1_000_003
        let instance = try await KeysInstance.priced(node, price: price, creatorBps: 6_500, protocolBps: 3_500)
        let creator = try await instance.creator()
        let buyer = try await node.account()
        let quote = try #require(SpecCreatorKeys.buyQuote(price: price, protocolBps: 3_500))
        let before = try await node.nat(buyer.address)
        let receipt = try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(quote.totalAmount + 999)],
            by: buyer)
        #expect(receipt.status == .success)
        #expect(try await node.nat(buyer.address) == before - quote.totalAmount - (try specFee(.creatorKeys, "buy_key")))
        #expect(try await instance.keys.reserveBalance() == price)
        #expect(try await instance.keys.creatorFeeBalance(creator: creator.address) == quote.creatorFee)
        #expect(try await instance.keys.treasuryBalance() == quote.protocolFee)
        #expect(try await instance.keys.totalKeySupply(creator: creator.address) == 1)
        #expect(try await instance.keys.keyBalance(creator: creator.address, holder: buyer.address) == 1)
        let bought = try #require(receipt.events.first { $0.type == "KeyBought" }, "\(receipt.events)")
        let values = Self.strings(bought.data)
        #expect([quote.price, quote.creatorFee, quote.protocolFee, quote.totalAmount, 1].allSatisfy { values.contains(String($0)) },
            "KeyBought carries price, both fees, total and the new supply: \(bought.data)")
    }

    @Test("SPEC 4: payment < total reverts InsufficientPayment (4); price > max_price reverts SlippageExceeded (16); nothing but gas moves")
    func buyRefusals() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: 5_000, creatorBps: 9_000, protocolBps: 1_000)
        let creator = try await instance.creator()
        let buyer = try await node.account()
        let before = try await node.nat(buyer.address)
        let gas = try specFee(.creatorKeys, "buy_key")
        expectReverted(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "9999"], by: buyer), .insufficientPayment)
        expectReverted(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "10000", "max_price": "4999"], by: buyer),
            .slippageExceeded)
        #expect(try await node.nat(buyer.address) == before - 2 * gas, "only gas")
        #expect(try await instance.keys.totalKeySupply(creator: creator.address) == 0, "no key sold")
        #expect(try await instance.keys.reserveBalance() == 0, "the reserve got nothing")
        let exact = try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "10000", "max_price": "5000"], by: buyer)
        #expect(exact.status == .success, "max_price = price passes: \(exact.json)")
    }

    @Test("SPEC 4: sell_key: balance and supply −1; the reserve pays the price: total to the seller, fees to the creator and the treasury")
    func sell() async throws {
        let node = try await Node.connect()
        let price: Int128 = 2_000_001
        let instance = try await KeysInstance.priced(node, price: price, creatorBps: 7_777, protocolBps: 2_223)
        let creator = try await instance.creator()
        let seller = try await node.account()
        let buy = try #require(SpecCreatorKeys.buyQuote(price: price, protocolBps: 2_223))
        try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(buy.totalAmount)],
            by: seller).status == .success)
        let sellQuote = SpecCreatorKeys.sellQuote(price: price, protocolBps: 2_223)
        let before = try await node.nat(seller.address)
        let receipt = try await instance.send("sell_key", ["creator": .string(creator.address)], by: seller)
        #expect(receipt.status == .success)
        #expect(try await node.nat(seller.address) == before + sellQuote.totalAmount - (try specFee(.creatorKeys, "sell_key")))
        #expect(try await instance.keys.reserveBalance() == 0, "the reserve paid the price")
        #expect(try await instance.keys.creatorFeeBalance(creator: creator.address) == buy.creatorFee + sellQuote.creatorFee)
        #expect(try await instance.keys.treasuryBalance() == buy.protocolFee + sellQuote.protocolFee)
        #expect(try await instance.keys.totalKeySupply(creator: creator.address) == 0)
        #expect(try await instance.keys.keyBalance(creator: creator.address, holder: seller.address) == 0)
        let sold = try #require(receipt.events.first { $0.type == "KeySold" && $0.resource == instance.id }, "\(receipt.events)")
        let values = Self.strings(sold.data)
        #expect([sellQuote.price, sellQuote.creatorFee, sellQuote.protocolFee, sellQuote.totalAmount, 0].allSatisfy { values.contains(String($0)) },
            "KeySold carries price, both fees, total and the new supply: \(sold.data)")
        await #expect(throws: CreatorKeysError.insufficientBalance) {
            try await instance.keys.sellQuote(creator: creator.address, holder: seller.address)
        }
        expectReverted(try await instance.send("sell_key", ["creator": .string(creator.address)], by: seller), .insufficientBalance)
    }

    @Test("SPEC 4: a negative slope is refused as invalid params; a new instance prices on a flat curve with slope 0")
    func slope() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: 400)
        let tx = nativeTransaction(key: instance.admin.key, chainID: node.info.chainID, nonce: try await node.chain.nonce(of: instance.admin.address),
            call: instance.call("set_curve", ["kind": "linear", "slope": "-1"]))
        await expectRPCError(RPCErrorCode.invalidParams, "set_curve with slope -1") { _ = try await node.chain.send(tx) }
        let creator = try await instance.creator()
        let buyer = try await node.account()
        for _ in 0..<2 {
            #expect(try await instance.keys.buyQuote(creator: creator.address).price == 400, "flat until a curve is set")
            try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "800"], by: buyer).status == .success)
        }
    }

    @Test("SPEC 4: any Int128 overflow is Overflow (3), for the quote and the buy")
    func overflow() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: Int128.max, creatorBps: 9_000, protocolBps: 1_000)
        let creator = try await instance.creator()
        await #expect(throws: CreatorKeysError.overflow) { try await instance.keys.buyQuote(creator: creator.address) }
        let buyer = try await node.account()
        expectReverted(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "1"], by: buyer), .overflow)
    }

    /// Every string value in `json`, to find amounts an event carries whatever their names.
    static func strings(_ json: JSON) -> Set<String> {
        switch json {
        case .string(let s): [s]
        case .array(let a): a.reduce(into: []) { $0.formUnion(strings($1)) }
        case .object(let o): o.values.reduce(into: []) { $0.formUnion(strings($1)) }
        case .int(let i): [String(i)]
        default: []
        }
    }
}
