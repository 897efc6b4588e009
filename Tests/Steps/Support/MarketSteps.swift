import Fixtures
import Networks
import Testing

/// A creator-keys market, one round per seeded creator: the seller buys keys, the buyer buys
/// one with a surplus, the seller sells one back, and every price, fee and balance is checked
/// against SPEC 4; the instance-wide totals (treasury, reserve) carry across rounds in the
/// global scope.
enum MarketSteps {
    static var all: [Step] { [openRound, sellerBuys, buyerBuys, sellerSells, buyerSellsBack, settleRound] }

    /// The round's creator from the seeded data; a fresh creator's supply is 0.
    static let openRound = Step("open_round", "take the round's creator from the seeded data", worker: "buyer",
        prepare: { runner, _ in try runner.roundRecord() },
        execute: { runner, _, record in
            let creator = try #require(record["address"]?.stringValue, "the creators record has an address: \(record)")
            #expect(try await runner.creatorKeys().totalKeySupply(creator: creator) == 0, "a fresh creator has no key")
            try runner.set("creator", .string(creator))
            try runner.set("supply", 0)
            try runner.set("creator_fees", amount: 0)
        })

    /// The seller buys `round × market.seller_keys_per_round` keys (a config value), one by one.
    static let sellerBuys = Step("seller_buys", "the seller buys round × seller_keys_per_round keys", worker: "seller",
        prepare: { runner, worker in
            let count = Int64(runner.round) * (try runner.int("market.seller_keys_per_round"))
            let payload: JSON = ["creator": try runner.get("creator"), "keys": .int(count)]
            return ["order": payload, "signature": .string(try worker.sign(payload))]
        },
        execute: { runner, worker, payload in
            let order = try #require(payload["order"])
            let signature = try #require(payload["signature"]?.stringValue)
            #expect(Signature.isValid(signature, of: order.canonicalBytes, by: worker.address), "the order is signed by the seller's main key")
            for _ in 0..<(try #require(order["keys"]?.intValue)) { try await buy(runner, worker, surplus: 0) }
        })

    /// The buyer buys one key offering a surplus (its `surplus` var); only total_amount leaves it.
    static let buyerBuys = Step("buyer_buys", "the buyer buys one key and offers more than the total", worker: "buyer",
        prepare: { runner, worker in
            ["creator": try runner.get("creator"), "surplus": try worker.get("surplus"), "api_key": .string(try worker.env("API_KEY"))]
        },
        execute: { runner, worker, payload in
            let surplus = try #require(payload["surplus"]?.stringValue)
            try await buy(runner, worker, surplus: try Asset.nat.parse(surplus))
        })

    /// The seller sells one key back at the price of supply − 1.
    static let sellerSells = Step("seller_sells", "the seller sells one key", worker: "seller",
        execute: { runner, worker, _ in try await sell(runner, worker) })

    /// Runs in the last round only (a skip rule): the buyer sells its key back.
    static let buyerSellsBack = Step("buyer_sells_back", "in the last round the buyer sells its key back", worker: "buyer",
        skipIf: { runner, _ in runner.round < runner.rounds ? "the buyer keeps its key until the last round" : nil },
        execute: { runner, worker, _ in try await sell(runner, worker) })

    /// The instance's balances equal the totals the steps carried: the creator's fee balance
    /// for this round, the treasury and the reserve across all rounds so far.
    static let settleRound = Step("settle_round", "check the creator's fees, the treasury and the reserve", worker: "buyer",
        execute: { runner, worker, _ in
            let keys = try runner.creatorKeys()
            let creator = try runner.string("creator")
            #expect(try await keys.creatorFeeBalance(creator: creator) == runner.amount("creator_fees"), "round \(runner.round): creator fees")
            #expect(try await keys.treasuryBalance() == runner.amount("totals.protocol_fees", scope: .global), "treasury = all protocol fees so far")
            #expect(try await keys.reserveBalance() == runner.amount("totals.reserve", scope: .global), "reserve = prices in − prices out so far")
            #expect(try await keys.totalKeySupply(creator: creator) == Int128(try runner.int("supply")), "supply")
            let buyerKeys: Int128 = runner.round == runner.rounds ? 0 : 1
            #expect(try await keys.keyBalance(creator: creator, holder: worker.address) == buyerKeys, "the buyer's keys")
            try runner.set("totals.rounds_settled", .int(((try? runner.int("totals.rounds_settled", scope: .global)) ?? 0) + 1), scope: .global)
        })

    /// One key bought at the current supply, checked against SPEC 4, totals updated.
    static func buy(_ runner: StepRunner, _ worker: Worker, surplus: Int128) async throws {
        let keys = try runner.creatorKeys()
        let creator = try runner.string("creator")
        let supply = try runner.int("supply")
        let expected = try Pricing(runner).buyQuote(supply: Int128(supply))
        let quote = try await keys.buyQuote(creator: creator)
        try #require(quote == expected, "round \(runner.round): the node quotes \(quote); SPEC 4 gives \(expected)")
        let account = try worker.account()
        let before = try await account.balance()
        let receipt = try await keys.buyKey(creator: creator, payment: expected.totalAmount + surplus, maxPrice: expected.price, by: account)
        #expect(receipt.gasUsed == Spec.buyKeyGas && receipt.fee == Spec.fee(Spec.buyKeyGas), "buy_key gas: \(receipt.gasUsed)")
        let spent = before - (try await account.balance())
        try #require(spent == expected.totalAmount + Spec.fee(Spec.buyKeyGas), "exactly total_amount + gas left \(worker.name), not the surplus")
        try runner.set("supply", .int(supply + 1))
        try record(runner, quote: expected, reserveChange: expected.price, counter: "keys_bought")
    }

    /// One key sold at the current supply, checked against SPEC 4, totals updated.
    static func sell(_ runner: StepRunner, _ worker: Worker) async throws {
        let keys = try runner.creatorKeys()
        let creator = try runner.string("creator")
        let supply = try runner.int("supply")
        let expected = try Pricing(runner).sellQuote(supply: Int128(supply))
        let quote = try await keys.sellQuote(creator: creator, holder: worker.address)
        try #require(quote == expected, "round \(runner.round): the node quotes the sale \(quote); SPEC 4 gives \(expected)")
        let account = try worker.account()
        let before = try await account.balance()
        let receipt = try await keys.sellKey(creator: creator, by: account)
        #expect(receipt.gasUsed == Spec.sellKeyGas, "sell_key gas: \(receipt.gasUsed)")
        let received = (try await account.balance()) - before
        try #require(received == expected.totalAmount - Spec.fee(Spec.sellKeyGas), "\(worker.name) received total_amount and paid the gas")
        try runner.set("supply", .int(supply - 1))
        try record(runner, quote: expected, reserveChange: -expected.price, counter: "keys_sold")
    }

    /// Adds a trade to the round's creator fees and the run's totals.
    static func record(_ runner: StepRunner, quote: Quote, reserveChange: Int128, counter: String) throws {
        try runner.set("creator_fees", amount: try runner.amount("creator_fees") + quote.creatorFee)
        try runner.set("totals.protocol_fees", amount: try runner.amount("totals.protocol_fees", scope: .global, default: 0) + quote.protocolFee,
            scope: .global)
        try runner.set("totals.reserve", amount: try runner.amount("totals.reserve", scope: .global, default: 0) + reserveChange, scope: .global)
        let count = (try? runner.int("totals.\(counter)", scope: .global)) ?? 0
        try runner.set("totals.\(counter)", .int(count + 1), scope: .global)
    }
}
