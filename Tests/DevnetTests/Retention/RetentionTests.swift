import Devnet
import Networks
import Testing

/// A devnet keeps its newest events, receipts and underlying transactions only (docs/API.md
/// "Retention"): older ones are refused with a clear error, seqs stay gap-free, and state is
/// never dropped.
@Suite("Devnet retention of events, receipts and underlying transactions")
struct RetentionTests {
    /// A node that keeps 16 events and 4 receipts / underlying transactions, alice funded.
    static func setup() async throws -> (DevnetNode, NativeChain, Account) {
        let node = DevnetNode(genesis: .default, adminKey: try TestKeys.admin(), clock: { TestNode.time },
            options: DevnetOptions(retainedEvents: 16, retainedTransactions: 4))
        let chain = NativeChain(rpc: RPCClient(transport: node.transport))
        try await chain.faucet(try TestKeys.alice().address, nat: 1_000 * Units.nat, und: 1_000 * Units.und)
        return (node, chain, Account(key: try TestKeys.alice(), chain: chain, chainID: node.genesis.chainID))
    }

    @Test("events older than the newest kept are refused with -32602 naming the oldest seq kept; newer ones page as before")
    func events() async throws {
        let (_, chain, alice) = try await Self.setup()
        let bob = try TestKeys.bob().address
        var receipts: [Receipt] = []
        for _ in 0..<40 { receipts.append(try await alice.send(Call(contract: "native", method: "transfer", args: ["to": .string(bob), "amount": "1"]))) }
        let last = try #require(receipts.last?.events.last?.seq)
        let error = await expectRPCError(RPCErrorCode.invalidParams, "seq 1 was dropped") { try await chain.events(since: 1) }
        let first = try #require(error?.data?["first_seq"]?.intValue, "the error names the oldest seq kept: \(String(describing: error))")
        #expect(error?.message.contains("events before seq \(first) are no longer kept") == true, "\(String(describing: error))")
        #expect(first > 1 && last - first + 1 >= 16 && last - first + 1 <= 18, "keeps the newest 16 (+ an eighth) of \(last): from \(first)")
        let page = try await chain.events(since: first)
        #expect(page.events.map(\.seq) == Array(first...last), "the kept events are gap-free up to the newest")
        #expect(page.nextSeq == last + 1)
        #expect(try await chain.events(since: last + 5).nextSeq == last + 5, "asking beyond the end answers as before")
    }

    @Test("a dropped receipt is unknown (2006) with a message that says receipts are dropped; the newest are kept and balances are exact")
    func receipts() async throws {
        let (_, chain, alice) = try await Self.setup()
        let bob = try TestKeys.bob().address
        var receipts: [Receipt] = []
        for _ in 0..<10 { receipts.append(try await alice.send(Call(contract: "native", method: "transfer", args: ["to": .string(bob), "amount": "1"]))) }
        let error = await expectRPCError(RPCErrorCode.unknownTransaction, "the first receipt was dropped") { try await chain.receipt(receipts[0].hash) }
        #expect(error?.message.contains("--retain-transactions keeps more") == true, "\(String(describing: error))")
        for kept in receipts.suffix(4) { #expect(try await chain.receipt(kept.hash) == kept) }
        #expect(try await chain.balance(of: bob) == 10, "state is never dropped")
        let unknown = await expectRPCError(RPCErrorCode.unknownTransaction, "a hash never seen") { try await chain.receipt(String(repeating: "0", count: 64)) }
        #expect(unknown?.message.hasPrefix("unknown transaction") == true)
    }

    @Test("a dropped underlying payment has no transaction and no proof (2006); the newest keep both")
    func underlying() async throws {
        let (node, chain, _) = try await Self.setup()
        let und = UnderlyingChain(rpc: chain.rpc)
        let alice = UnderlyingAccount(key: try TestKeys.alice(), chain: und, chainID: node.genesis.underlyingChainID)
        try await chain.faucet(try TestKeys.bob().address, nat: 0, und: 0)
        var txs: [UnderlyingTransaction] = []
        for _ in 0..<6 { txs.append(try await alice.pay(1_000, to: try TestKeys.bob().underlyingAddress)) }
        await expectRPCError(RPCErrorCode.unknownTransaction, "the first payment was dropped") { try await und.transaction(txs[0].hash) }
        let proofError = await expectRPCError(RPCErrorCode.unknownTransaction, "no proof of a dropped payment") { try await und.paymentProof(txs[0].hash) }
        #expect(proofError?.message.contains("were dropped") == true)
        #expect(try await und.transaction(txs[5].hash) == txs[5])
        _ = try await und.paymentProof(txs[5].hash)
        #expect(try await und.balance(of: try TestKeys.bob().underlyingAddress) == 6_000)
    }
}
