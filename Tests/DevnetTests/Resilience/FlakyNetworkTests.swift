import Devnet
import Networks
import Testing

/// 1,000 transfers and 200 underlying payments over HTTP with answers lost after inclusion,
/// 503s and jitter: every balance and nonce is exactly what was sent once, never twice.
@Suite("A flaky network over HTTP", .timeLimit(.minutes(5)))
struct FlakyNetworkTests {
    static let senders = 10
    static let transfersEach = 100
    static let amount: Int128 = 1_000
    static let faults = "drop-after-include=5%,jitter=100ms,503=2%,seed=15"

    @Test("1,000 transfers at 5% drop-after-include, 100 ms jitter and 2% 503 give exactly the expected balances and nonces")
    func thousandTransfers() async throws {
        let node = DevnetNode(genesis: .default, adminKey: try TestKeys.admin())
        let keys = try (0..<Self.senders).map { try TestKeys.key(UInt8(0x10 + $0)) }
        let receiver = try TestKeys.bob().address
        let funding: Int128 = 1_000 * Units.nat
        for key in keys { _ = node.handle(request("devnet_faucet", params: ["address": .string(key.address), "nat": Amount.wire(funding)]).canonicalBytes) }
        node.setFaults(try HTTPFaults.parse(Self.faults))
        let server = try await EmbeddedDevnetServer.start(node: node)
        let rpc = RPCClient(transport: CurlTransport(url: server.rpcURL, timeout: .seconds(30)))
        let chain = NativeChain(rpc: rpc)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for key in keys {
                group.addTask {
                    let account = Account(key: key, chain: chain, chainID: node.genesis.chainID)
                    for _ in 0..<Self.transfersEach {
                        let receipt = try await account.send(TestNode.transfer(to: receiver, amount: String(Self.amount)))
                        #expect(receipt.status == .success && receipt.gasUsed == Spec.transferGas)
                    }
                }
            }
            try await group.waitForAll()
        }
        let injected = node.faultCounts
        let stats = rpc.counters.snapshot
        node.setFaults(.none)

        let total = Self.senders * Self.transfersEach
        let spent = Int128(Self.transfersEach) * (Self.amount + Spec.fee(gas: Spec.transferGas))
        for key in keys {
            #expect(try await chain.nonce(of: key.address) == Int64(Self.transfersEach), "every transfer included exactly once")
            #expect(try await chain.balance(of: key.address) == funding - spent)
            let sent = try await chain.events(since: 1, limit: 10_000, type: "Transfer", resource: key.address).events
            #expect(sent.count == Self.transfersEach, "no double payment from \(key.address)")
        }
        #expect(try await chain.balance(of: receiver) == Int128(total) * Self.amount)
        #expect(injected.droppedAfterInclude > 0 && injected.unavailable > 0, "the faults did happen: \(injected)")
        #expect(stats.foundIncluded == injected.droppedAfterInclude, "every lost inclusion was found by its lookup: \(stats), \(injected)")
        // Every lost inclusion reached the client (a 503 may also land on a request whose caller's
        // own timeout already counted it, so the other faults are not matched one for one).
        #expect(stats.faultsSeen >= injected.droppedAfterInclude, "every lost inclusion was seen by the client: \(stats), \(injected)")
        #expect(node.audit().violations.isEmpty)
        print("flaky network: \(total) transfers; injected \(injected); client \(stats); double payments 0")
        await server.stop()
    }

    @Test("200 underlying payments and deposit settings under the same faults are exact too")
    func underlyingPayments() async throws {
        let node = DevnetNode(genesis: .default, adminKey: try TestKeys.admin())
        let alice = try TestKeys.alice()
        let bob = try TestKeys.bob()
        _ = node.handle(request("devnet_faucet", params: ["address": .string(alice.address), "nat": "0", "und": "1000000000"]).canonicalBytes)
        node.setFaults(try HTTPFaults.parse(Self.faults))
        let server = try await EmbeddedDevnetServer.start(node: node)
        let rpc = RPCClient(transport: CurlTransport(url: server.rpcURL, timeout: .seconds(30)))
        let und = UnderlyingChain(rpc: rpc)
        let payer = UnderlyingAccount(key: alice, chain: und, chainID: node.genesis.underlyingChainID)
        for n in 0..<200 {
            let tx = try await payer.pay(7, to: bob.underlyingAddress)
            #expect(tx.status == .success && tx.sequence == Int64(n))
        }
        _ = try await payer.setDepositBlocked(true)
        _ = try await payer.setDepositBlocked(false)
        let stats = rpc.counters.snapshot
        node.setFaults(.none)
        #expect(try await und.sequence(of: payer.address) == 202)
        #expect(try await und.balance(of: bob.underlyingAddress) == 200 * 7)
        #expect(try await und.balance(of: payer.address) == 1_000_000_000 - 200 * 7 - 202 * 12)
        #expect(await payer.feesPaid == 202 * 12)
        #expect(stats.lookups > 0, "\(stats)")
        await server.stop()
    }
}
