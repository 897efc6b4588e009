import Devnet
import Networks
import Testing

/// The harness side of a flaky network (issue 15): `Account` and `UnderlyingAccount` resolve a
/// write whose answer was lost by looking it up before anything is sent again, so nothing is
/// paid twice or lost; reads are retried. Against the devnet with its fault switch on.
@Suite("Lost answers never pay twice", .timeLimit(.minutes(5)))
struct LostAnswerTests {
    static let fast = RetryPolicy(attempts: 8, initialDelay: .milliseconds(1), maxDelay: .milliseconds(20))

    @Test("an answer lost after inclusion is resolved by the lookup: the receipt comes back, paid once, not re-sent")
    func lostAfterInclusion() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        t.node.setFaults(try HTTPFaults.parse("drop-after-include=100%"))
        let rpc = RPCClient(transport: t.node.transport, retryPolicy: Self.fast)
        let account = Account(key: alice, chain: NativeChain(rpc: rpc), chainID: t.chainID)
        let bob = try TestKeys.bob().address

        let receipt = try await account.send(TestNode.transfer(to: bob, amount: "9"))
        #expect(receipt.status == .success && receipt.gasUsed == Spec.transferGas)
        #expect(try await t.chain.balance(of: bob) == 9)
        #expect(try await t.chain.balance(of: alice.address) == Spec.defaultFaucet - 9 - Spec.fee(gas: Spec.transferGas))
        let stats = rpc.counters.snapshot
        #expect(stats.lookups == 1 && stats.foundIncluded == 1 && stats.retries == 0, "\(stats)")
        let (fees, count) = (await account.feesPaid, await account.transactionCount)
        #expect(fees == Spec.fee(gas: Spec.transferGas) && count == 1, "the account counts the transaction once")
    }

    @Test("a 503 before execution is looked up (not there), then the same signed transaction is sent again")
    func unavailableThenResent() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        t.node.setFaults(try HTTPFaults.parse("503=40%,seed=2"))
        let rpc = RPCClient(transport: t.node.transport, retryPolicy: Self.fast)
        let account = Account(key: alice, chain: NativeChain(rpc: rpc), chainID: t.chainID)
        for _ in 0..<20 { _ = try await account.send(TestNode.transfer(to: try TestKeys.bob().address, amount: "1")) }
        #expect(try await t.chain.nonce(of: alice.address) == 20)
        #expect(try await t.chain.balance(of: try TestKeys.bob().address) == 20)
        let stats = rpc.counters.snapshot
        #expect(stats.faultsSeen > 0 && stats.lookups > 0 && stats.retries > 0, "\(stats)")
        #expect(stats.foundIncluded == 0, "a 503 never executes, so no lookup finds it")
    }

    @Test("when every answer is lost the send gives up, having paid nothing")
    func givesUp() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let rpc = RPCClient(transport: t.node.transport, retryPolicy: RetryPolicy(attempts: 3, initialDelay: .milliseconds(1)))
        let account = Account(key: alice, chain: NativeChain(rpc: rpc), chainID: t.chainID)
        _ = try await account.send(TestNode.transfer(to: try TestKeys.bob().address, amount: "1"))
        let before = t.node.audit()
        t.node.setFaults(try HTTPFaults.parse("503=100%"))
        await #expect(throws: TransportError.self) { try await account.send(TestNode.transfer(to: try TestKeys.bob().address, amount: "1")) }
        #expect(t.node.audit() == before, "nothing was paid")
        t.node.setFaults(.none)
        #expect(try await account.send(TestNode.transfer(to: try TestKeys.bob().address, amount: "1")).status == .success,
            "the account asks the node for its nonce again and goes on")
        #expect(try await t.chain.nonce(of: alice.address) == 2)
    }
}
