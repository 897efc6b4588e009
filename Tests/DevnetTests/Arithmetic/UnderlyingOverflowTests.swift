import Devnet
import Networks
import Testing

/// SPEC 5 amounts near Int128.max: a payment that cannot be afforded is refused (2003), UND
/// issuance is bounded like NAT's, and nothing of it ever traps (issue 15: both crashes the
/// independent fuzzer found).
@Suite("Devnet UND arithmetic never traps")
struct UnderlyingOverflowTests {
    static let max = Int128.max

    @Test("a signed payment of an amount near Int128.max is refused as unaffordable and changes nothing",
        arguments: [Int128.max, Int128.max - 11, Int128.max - 12, Int128.max / 2 + 1])
    func hugePayment(amount: Int128) async throws {
        let (t, _, alice, bob) = try await UnderlyingChainTests.setup()
        let before = t.node.audit()
        let error = await expectRPCError(RPCErrorCode.insufficientFunds, "paying \(amount) drops") {
            try await alice.pay(amount, to: bob.address)
        }
        #expect(error?.message.contains("insufficient funds") == true, "\(String(describing: error))")
        #expect(t.node.audit() == before, "a refused payment changes nothing")
    }

    @Test("create_agent cannot issue UND past Int128.max; a 1-drop payment into a balance near it is exact")
    func issuanceBound() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        try await t.chain.faucet(t.node.adminKey.address, nat: 1_000 * Units.nat)
        let admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
        // Issued so far: five genesis agents' UND and alice's 1000 UND.
        let issued = 5 * 1_000_000 * Units.und + 1_000 * Units.und

        let refused = try await admin.send(t.asset.createAgent(feeBips: 10, underlyingBalance: Self.max))
        expectReverted(refused, "Overflow", gas: Spec.adminGas)
        let created = try await admin.send(t.asset.createAgent(feeBips: 10, underlyingBalance: Self.max - issued))
        #expect(created.status == .success, "exactly up to Int128.max is issued: \(created.json)")
        let agent = try await t.asset.agent(try CreatedAgent(json: created.result ?? .null).agent)
        let paymentAddress = try #require(agent.paymentAddress)
        #expect(try await t.und.balance(of: paymentAddress) == Self.max - issued)

        let tx = try await aliceUnd.pay(1, to: paymentAddress)
        #expect(tx.status == .success)
        #expect(try await t.und.balance(of: paymentAddress) == Self.max - issued + 1)
        #expect(try await t.und.balance(of: aliceUnd.address) == 1_000 * Units.und - 1 - AssetSpec.undFee)
        #expect(t.node.audit().violations.isEmpty, "\(t.node.audit().violations)")

        let before = t.node.audit()
        let error = await expectRPCError(RPCErrorCode.invalidParams, "one more drop from the faucet") {
            try await t.chain.faucet(alice.address, nat: 0, und: 1)
        }
        #expect(error?.message.contains("params.und") == true, "the refusal names the param: \(String(describing: error))")
        #expect(t.node.audit() == before)
    }

    @Test("a genesis whose UND allocations overflow 128 bits is refused, naming genesis.accounts")
    func genesisUND() throws {
        let a = try TestKeys.alice().address
        let b = try TestKeys.bob().address
        let text = #"{"accounts":[{"address":"\#(a)","und":"\#(Spec.int128Max)"},{"address":"\#(b)","und":"1"}]}"#
        let error = #expect(throws: GenesisError.self) { try Genesis(contentsOf: Array(text.utf8)) }
        #expect(error?.description.hasPrefix("genesis.accounts") == true, "\(String(describing: error))")
    }
}
