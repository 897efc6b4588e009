import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 3's gas table, call by call: the receipt's `gas_used` is the table's, `fee = gas_used ×
/// gas_price`, and the sender's NAT moves by exactly that fee plus the value the call moves
/// (SPEC arithmetic, never the receipt's). A node that overcharges any one call fails here.
@Suite("Conformance: SPEC 3 gas", .timeLimit(.minutes(5)))
struct GasTests {
    /// What one call did to its sender: the receipt, and the NAT SPEC says it moved besides gas.
    struct Charged {
        let receipt: Receipt
        let call: SpecCall
        /// NAT that left the sender besides gas (negative: NAT it received).
        let valueOut: Int128
    }

    /// Measures the sender's NAT around the call `make` builds and sends.
    static func measure(
        _ node: Node, _ sender: Account, _ call: SpecCall, valueOut: Int128 = 0, _ send: () async throws -> Receipt
    ) async throws -> Charged {
        let before = try await node.nat(sender.address)
        let receipt = try await send()
        let after = try await node.nat(sender.address)
        let fee = SpecGas.fee(gas: SpecGas.gas(for: call) ?? 0)
        #expect(after == before - fee - valueOut, "\(call): the sender's NAT moves by fee \(fee) + value \(valueOut); it moved by \(before - after)")
        return Charged(receipt: receipt, call: call, valueOut: valueOut)
    }

    static func check(_ charged: Charged, sourceLocation: SourceLocation = #_sourceLocation) {
        let receipt = charged.receipt
        #expect(receipt.status == .success, "\(charged.call) succeeds in this setup: \(receipt.json)", sourceLocation: sourceLocation)
        #expect(receipt.gasUsed == SpecGas.gas(for: charged.call), "\(charged.call): gas_used \(receipt.gasUsed)", sourceLocation: sourceLocation)
        #expect(receipt.fee == Int128(receipt.gasUsed) * SpecGas.gasPrice, "fee = gas_used × gas_price", sourceLocation: sourceLocation)
        #expect(!receipt.events.isEmpty, "\(charged.call) changes state, so it emits an event (SPEC 3)", sourceLocation: sourceLocation)
    }

    // MARK: native, deployer, creator keys

    static let creatorKeysCalls = ["native.transfer", "deployer.deploy", "creator_keys.register_creator", "creator_keys.buy_key",
        "creator_keys.sell_key"] + SpecGas.creatorKeysAdminSetters.map { "creator_keys.\($0)" }

    @Test("SPEC 3: each native, deployer and creator-keys call costs its table gas, and the sender pays exactly fee + value",
        .requiresFunding, arguments: creatorKeysCalls)
    func creatorKeysGas(name: String) async throws {
        let node = try await Node.connect()
        let price: Int128 = 1_000_000
        let instance = try await KeysInstance.priced(node, price: price, creatorBps: 9_000, protocolBps: 1_000)
        let admin = instance.admin
        let method = String(name.split(separator: ".")[1])
        let charged: Charged
        switch name {
        case "native.transfer":
            let to = KeyPair().address
            charged = try await Self.measure(node, admin, SpecCall(.native, "transfer"), valueOut: 12_345) {
                try await node.send(transfer(to: to, amount: 12_345), .native, by: admin)
            }
            #expect(try await node.nat(to) == 12_345, "the receiver gets exactly the amount")
        case "deployer.deploy":
            charged = try await Self.measure(node, admin, SpecCall(.deployer, "deploy")) {
                try await node.send(Call(contract: "deployer", method: "deploy", args: ["kind": "creator_keys"]), .deployer, by: admin)
            }
        case "creator_keys.register_creator":
            let creator = try await node.account()
            charged = try await Self.measure(node, creator, SpecCall(.creatorKeys, method)) {
                try await instance.send(method, ["handle": "gas_probe"], by: creator)
            }
        case "creator_keys.buy_key":
            let creator = try await instance.creator()
            let buyer = try await node.account()
            let quote = try #require(SpecCreatorKeys.buyQuote(price: price, protocolBps: 1_000))
            charged = try await Self.measure(node, buyer, SpecCall(.creatorKeys, method), valueOut: quote.totalAmount) {
                try await instance.send(method, ["creator": .string(creator.address), "payment": Amount.wire(quote.totalAmount * 3)], by: buyer)
            }
        case "creator_keys.sell_key":
            let creator = try await instance.creator()
            let holder = try await node.account()
            let quote = try #require(SpecCreatorKeys.buyQuote(price: price, protocolBps: 1_000))
            try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(quote.totalAmount)],
                by: holder).status == .success)
            let sell = SpecCreatorKeys.sellQuote(price: price, protocolBps: 1_000)
            charged = try await Self.measure(node, holder, SpecCall(.creatorKeys, method), valueOut: -sell.totalAmount) {
                try await instance.send(method, ["creator": .string(creator.address)], by: holder)
            }
        case "creator_keys.withdraw_treasury":
            let creator = try await instance.creator()
            let buyer = try await node.account()
            let quote = try #require(SpecCreatorKeys.buyQuote(price: price, protocolBps: 1_000))
            try #require(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(quote.totalAmount)],
                by: buyer).status == .success)
            let to = KeyPair().address
            charged = try await Self.measure(node, admin, SpecCall(.creatorKeys, method)) {
                try await instance.send(method, ["amount": Amount.wire(quote.protocolFee), "to": .string(to)], by: admin)
            }
            #expect(try await node.nat(to) == quote.protocolFee, "withdraw_treasury pays `to` exactly the amount")
        default:
            let args: [String: JSON] = switch method {
            case "set_key_price": ["price": "2000000"]
            case "set_fee_config": ["creator_bps": 6_000, "protocol_bps": 4_000]
            case "set_curve": ["kind": "linear", "slope": "10"]
            case "set_test_timestamp": ["timestamp": 1_700_000_000]
            default: [:]
            }
            charged = try await Self.measure(node, admin, SpecCall(.creatorKeys, method)) { try await instance.send(method, args, by: admin) }
        }
        Self.check(charged)
    }
}
