import Devnet
import Networks
import Testing

/// The global event log (SPEC 3): `seq` starts at 1 and is gap-free, reverted
/// transactions leave no hole, and `events_since` pages and filters it.
@Suite("Devnet event log")
struct EventLogTests {
    /// A node with: faucet alice (1), faucet bob (2), deploy (3), a revert (no event),
    /// set_key_price (4), transfer alice -> bob (5).
    static func populated() async throws -> (TestNode, alice: KeyPair, bob: String, keys: String) {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        let bob = try TestKeys.bob().address
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        try await t.fund(bob, nat: 1)
        let keys = try await t.deployCreatorKeys(by: alice)
        let reverted = try await t.submit(Call(contract: keys, method: "set_key_price", args: ["price": "0"]), by: alice)
        #expect(reverted.status == .reverted)
        let priced = try await t.submit(Call(contract: keys, method: "set_key_price", args: ["price": "10"]), by: alice)
        #expect(priced.status == .success)
        let sent = try await t.submit(TestNode.transfer(to: bob, amount: "3"), by: alice)
        #expect(sent.status == .success)
        return (t, alice, bob, keys)
    }

    @Test("a fresh node has no events and next_seq 1")
    func empty() async throws {
        let t = try TestNode()
        let page = try await t.chain.events(since: 0)
        #expect(page.events.isEmpty)
        #expect(page.nextSeq == 1)
    }

    @Test("seq starts at 1 and is gap-free, also across a reverted transaction")
    func gapFree() async throws {
        let (t, _, _, _) = try await Self.populated()
        let page = try await t.chain.events(since: 1)
        #expect(page.events.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(page.events.map(\.type) == ["FaucetFunded", "FaucetFunded", "ContractDeployed", "KeyPriceUpdated", "Transfer"])
        #expect(page.nextSeq == 6)
    }

    @Test("events_since from 0 and from 1 are the same")
    func sinceZero() async throws {
        let (t, _, _, _) = try await Self.populated()
        #expect(try await t.chain.events(since: 0).events == t.chain.events(since: 1).events)
    }

    @Test("the events in a receipt are the ones in the log")
    func receiptEventsInLog() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let receipt = try await t.submit(TestNode.transfer(to: try TestKeys.bob().address, amount: "1"), by: alice)
        #expect(receipt.events.map(\.seq) == [2])
        #expect(try await t.chain.events(since: 2).events == receipt.events)
    }

    @Test("limit pages through the log and next_seq continues where a page stopped")
    func paging() async throws {
        let (t, _, _, _) = try await Self.populated()
        let first = try await t.chain.events(since: 1, limit: 2)
        #expect(first.events.map(\.seq) == [1, 2])
        #expect(first.nextSeq == 3)
        let second = try await t.chain.events(since: first.nextSeq, limit: 2)
        #expect(second.events.map(\.seq) == [3, 4])
        let third = try await t.chain.events(since: second.nextSeq, limit: 2)
        #expect(third.events.map(\.seq) == [5])
        #expect(third.nextSeq == 6)
        let past = try await t.chain.events(since: 100, limit: 2)
        #expect(past.events.isEmpty, "nothing past the end")
        #expect(past.nextSeq >= 6, "next_seq past the end is not behind the log: \(past.nextSeq)")
    }

    @Test("filters select by type and by resource")
    func filters() async throws {
        let (t, alice, bob, keys) = try await Self.populated()
        let faucets = try await t.chain.events(since: 1, type: "FaucetFunded")
        #expect(faucets.events.map(\.seq) == [1, 2])
        #expect(faucets.events.map(\.resource) == [alice.address, bob])
        #expect(faucets.nextSeq == 6, "the whole log was scanned")
        let ofInstance = try await t.chain.events(since: 1, resource: keys)
        #expect(ofInstance.events.map(\.type) == ["ContractDeployed", "KeyPriceUpdated"])
        let both = try await t.chain.events(since: 1, type: "KeyPriceUpdated", resource: keys)
        #expect(both.events.map(\.seq) == [4])
        #expect(both.events.first?.data == ["old": .null, "new": "10"])
        let none = try await t.chain.events(since: 1, type: "NoSuchEvent")
        #expect(none.events.isEmpty && none.nextSeq == 6)
    }

    @Test("a filtered page with a limit resumes after the last event it returned")
    func filteredPaging() async throws {
        let (t, _, _, _) = try await Self.populated()
        let first = try await t.chain.events(since: 1, limit: 1, type: "FaucetFunded")
        #expect(first.events.map(\.seq) == [1])
        let second = try await t.chain.events(since: first.nextSeq, limit: 1, type: "FaucetFunded")
        #expect(second.events.map(\.seq) == [2], "resuming at next_seq \(first.nextSeq) finds the second faucet event")
    }

    @Test("events carry the block time and their data")
    func eventContent() async throws {
        let (t, alice, bob, _) = try await Self.populated()
        let transfer = try #require(try await t.chain.events(since: 5).events.first)
        #expect(transfer.type == "Transfer")
        #expect(transfer.timestamp == TestNode.time)
        #expect(transfer.data == ["from": .string(alice.address), "to": .string(bob), "amount": "3"])
    }

    @Test("reads and refused transactions add no events")
    func readsAddNothing() async throws {
        let (t, alice, bob, keys) = try await Self.populated()
        _ = try await t.chain.balance(of: bob)
        _ = try await t.rpc.call("nat_call", ["contract": .string(keys), "method": "get_key_price"])
        _ = try await t.rpc.call("rpc.discover")
        await expectRPCError(RPCErrorCode.wrongNonce, "replay") {
            try await t.send(envelope: t.envelope(from: alice, nonce: 0, call: TestNode.transfer(to: bob, amount: "1")), signedBy: alice)
        }
        #expect(try await t.chain.events(since: 1).nextSeq == 6)
    }
}
