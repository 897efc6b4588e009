import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 4: a creator-keys instance's admin (its deployer) and the admin-only calls, their rules,
/// error codes and events.
@Suite("Conformance: SPEC 4 creator keys administration", .requiresFunding, .timeLimit(.minutes(5)))
struct CreatorKeysAdminTests {
    static let setterArgs: [String: [String: JSON]] = [
        "set_key_price": ["price": "5"], "set_fee_config": ["creator_bps": 5_000, "protocol_bps": 5_000],
        "set_curve": ["kind": "linear", "slope": "3"], "pause": [:], "unpause": [:], "set_test_timestamp": ["timestamp": 1_600_000_000],
        "withdraw_treasury": ["amount": "1", "to": .string(KeyPair().address)],
    ]

    @Test("SPEC 4: every admin call by anyone but the deployer reverts Unauthorized (18) and changes nothing",
        arguments: SpecGas.creatorKeysAdminSetters)
    func unauthorized(method: String) async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: 1_000, creatorBps: 9_000, protocolBps: 1_000)
        let creator = try await instance.creator()
        let buyer = try await node.account()
        try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "2000"], by: buyer).status == .success)
        let quote = try await instance.keys.buyQuote(creator: creator.address)
        let treasury = try await instance.keys.treasuryBalance()
        let stranger = try await node.account()
        let receipt = try await instance.send(method, Self.setterArgs[method] ?? [:], by: stranger)
        expectReverted(receipt, .unauthorized)
        #expect(try await instance.keys.buyQuote(creator: creator.address) == quote, "price, fees and curve unchanged")
        #expect(try await instance.keys.treasuryBalance() == treasury, "treasury unchanged")
        let again = try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(quote.totalAmount)], by: buyer)
        #expect(again.status == .success, "not paused: \(again.json)")
    }

    @Test("SPEC 4: set_key_price needs a price > 0 (NotPositiveAmount 6) and emits KeyPriceUpdated{old, new}")
    func keyPrice() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.deploy(node)
        expectReverted(try await instance.send("set_key_price", ["price": "0"], by: instance.admin), .notPositiveAmount)
        await #expect(throws: CreatorKeysError.keyPriceNotSet) { try await instance.keys.keyPrice() }
        let first = try await instance.admin("set_key_price", ["price": "700"])
        let second = try await instance.admin("set_key_price", ["price": "900"])
        #expect(try await instance.keys.keyPrice() == 900)
        let updated = second.events.first { $0.type == "KeyPriceUpdated" }
        #expect(updated?.data["old"] == "700" && updated?.data["new"] == "900", "\(second.events)")
        #expect(first.events.contains { $0.type == "KeyPriceUpdated" && $0.data["new"] == "700" && $0.resource == instance.id })
    }

    /// Fee splits and the error SPEC 4 gives (nil: valid).
    static let splits: [(Int64, Int64)] = [(10_000, 0), (5_000, 5_000), (9_000, 1_000), (4_999, 5_001), (0, 10_000), (5_000, 5_001),
        (6_000, 5_000), (4_000, 5_999), (10_001, -1), (-1, 10_001)]

    @Test("SPEC 4: a fee config sums to 10,000 (InvalidFeeConfig 8, checked first) with protocol_bps ≤ 5,000 (ProtocolFeeExceedsCap 11)",
        arguments: splits)
    func feeConfig(creatorBps: Int64, protocolBps: Int64) async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.deploy(node)
        let receipt = try await instance.send("set_fee_config", ["creator_bps": .int(creatorBps), "protocol_bps": .int(protocolBps)],
            by: instance.admin)
        if let error = SpecCreatorKeys.feeConfigError(creatorBps: creatorBps, protocolBps: protocolBps) {
            expectReverted(receipt, error)
            await #expect(throws: CreatorKeysError.feeConfigNotSet) { try await instance.keys.feeConfig() }
        } else {
            #expect(receipt.status == .success, "\(receipt.json)")
            let config = try await instance.keys.feeConfig()
            #expect(config.creatorBps == creatorBps && config.protocolBps == protocolBps)
            let event = receipt.events.first { $0.type == "FeeConfigUpdated" }
            #expect(event?.data["new"]?["creator_bps"] == .int(creatorBps) && event?.data["new"]?["protocol_bps"] == .int(protocolBps)
                && event?.data.objectValue?.keys.contains("old") == true, "FeeConfigUpdated{old, new}: \(receipt.events)")
        }
    }

    @Test("SPEC 4: pause stops buys and sells (ProtocolPaused 17) until unpause; both emit their event")
    func pause() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: 1_000)
        let creator = try await instance.creator()
        let holder = try await node.account()
        try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "2000"], by: holder).status == .success)
        let paused = try await instance.admin("pause")
        #expect(paused.events.contains { $0.type == "Paused" && $0.resource == instance.id }, "\(paused.events)")
        expectReverted(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "2000"], by: holder), .protocolPaused)
        expectReverted(try await instance.send("sell_key", ["creator": .string(creator.address)], by: holder), .protocolPaused)
        #expect(try await instance.keys.keyBalance(creator: creator.address, holder: holder.address) == 1, "nothing traded while paused")
        let unpaused = try await instance.admin("unpause")
        #expect(unpaused.events.contains { $0.type == "Unpaused" && $0.resource == instance.id }, "\(unpaused.events)")
        #expect(try await instance.send("sell_key", ["creator": .string(creator.address)], by: holder).status == .success)
    }

    @Test("SPEC 4: set_test_timestamp sets the clock the instance stamps its events with")
    func testTimestamp() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: 1_000)
        try await instance.admin("set_test_timestamp", ["timestamp": .int(DEFAULT_TEST_TIMESTAMP)])
        let creator = try await instance.creator()
        let buyer = try await node.account()
        let receipt = try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "2000"], by: buyer)
        let bought = try #require(receipt.events.first { $0.type == "KeyBought" }, "\(receipt.events)")
        #expect(bought.timestamp == DEFAULT_TEST_TIMESTAMP, "KeyBought is stamped with the instance's clock")
    }

    @Test("SPEC 4: withdraw_treasury pays `to` from the treasury, exactly; more than the treasury reverts and moves nothing")
    func withdrawTreasury() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: 10_000, creatorBps: 7_000, protocolBps: 3_000)
        let creator = try await instance.creator()
        let buyer = try await node.account()
        try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": "20000"], by: buyer).status == .success)
        #expect(try await instance.keys.treasuryBalance() == 3_000, "floor(10,000 · 3,000 / 10,000)")
        let to = KeyPair().address
        let refused = try await instance.send("withdraw_treasury", ["amount": "3001", "to": .string(to)], by: instance.admin)
        #expect(refused.status == .reverted, "more than the treasury: \(refused.json)")
        #expect(try await node.nat(to) == 0, "nothing paid")
        #expect(try await instance.keys.treasuryBalance() == 3_000, "treasury unchanged")
        try await instance.admin("withdraw_treasury", ["amount": "1200", "to": .string(to)])
        #expect(try await node.nat(to) == 1_200)
        #expect(try await instance.keys.treasuryBalance() == 1_800)
    }
}
