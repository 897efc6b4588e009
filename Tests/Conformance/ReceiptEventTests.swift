import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 3: each valid transaction is included at once in a block of its own and answered with
/// its receipt; every state change emits an event with a global, gap-free `seq`.
@Suite("Conformance: SPEC 3 receipts and events", .requiresFunding, .timeLimit(.minutes(5)))
struct ReceiptEventTests {
    @Test("SPEC 3: nat_sendTransaction answers the receipt {hash, block, timestamp, status, gas_used, fee, result, events}, and nat_getReceipt the same")
    func receiptShape() async throws {
        let node = try await Node.connect()
        let sender = try await node.account()
        let tx = nativeTransaction(key: sender.key, chainID: node.info.chainID, nonce: 0, call: transfer(to: KeyPair().address, amount: 1))
        let raw = try await node.connection.rpc.call("nat_sendTransaction", tx.json)
        let keys = Set(raw.objectValue?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["hash", "block", "timestamp", "status", "gas_used", "fee", "events"]), "receipt members: \(keys.sorted())")
        #expect(raw["status"] == "success" && raw["error"].map(\.isNull) != false, "a successful receipt has no error: \(raw)")
        let receipt = try Receipt(json: raw)
        #expect(try await node.chain.receipt(receipt.hash) == receipt)
        let now = Int64(Date().timeIntervalSince1970)
        #expect(abs(receipt.timestamp - now) < 3_600, "the block time is seconds since the epoch: \(receipt.timestamp)")
    }

    @Test("SPEC 3: every included transaction is a block of its own, in order")
    func blockPerTransaction() async throws {
        let node = try await Node.connect()
        let sender = try await node.account()
        var blocks: [Int64] = []
        for n in 1...4 { blocks.append(try await node.succeed(transfer(to: KeyPair().address, amount: Int128(n)), .native, by: sender).block) }
        #expect(Set(blocks).count == 4 && blocks == blocks.sorted(), "distinct, increasing blocks: \(blocks)")
    }

    @Test("SPEC 3: seq is global and gap-free, and events_since returns the receipts' events unchanged")
    func gapFreeSeq() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node)
        let creator = try await instance.creator("seq_probe")
        let buyer = try await node.account()
        var receipts: [Receipt] = []
        for _ in 0..<3 {
            let quote = try await instance.keys.buyQuote(creator: creator.address)
            receipts.append(try await instance.send("buy_key", ["creator": .string(creator.address), "payment": Amount.wire(quote.totalAmount)],
                by: buyer))
        }
        let ours = receipts.flatMap(\.events)
        let first = try #require(ours.first?.seq)
        let last = try #require(ours.last?.seq)
        let log = try await EventLog.events(node.chain, from: first, through: last)
        #expect(log.map(\.seq) == Array(first...last), "no seq is missing or repeated between \(first) and \(last)")
        let bySeq = Dictionary(uniqueKeysWithValues: log.map { ($0.seq, $0) })
        #expect(ours.allSatisfy { bySeq[$0.seq] == $0 }, "events_since returns each receipt event unchanged")
        let limited = try await node.chain.events(since: first, limit: 2)
        #expect(limited.events.count == 2 && limited.events.map(\.seq) == [first, first + 1], "limit bounds the page: \(limited.events.map(\.seq))")
    }

    @Test("SPEC 3: a faucet credit is a state change and emits an event naming the address", .requiresFaucet)
    func faucetEmits() async throws {
        let node = try await Node.connect()
        let mark = try await node.succeed(transfer(to: KeyPair().address, amount: 1), .native, by: try await node.account())
        let start = try #require(mark.events.last?.seq) + 1
        let address = KeyPair().address
        try await node.chain.faucet(address, nat: 5)
        let page = try await node.chain.events(since: start, limit: 10_000).events
        #expect(page.contains { $0.resource == address || Self.mentions($0.data, address) }, "an event names \(address)")
    }

    static func mentions(_ json: JSON, _ text: String) -> Bool {
        switch json {
        case .string(let s): s == text
        case .array(let a): a.contains { mentions($0, text) }
        case .object(let o): o.values.contains { mentions($0, text) }
        default: false
        }
    }
}
