import Devnet
import Networks
import Testing

/// SPEC 3 amounts near Int128.max: an offer the sender cannot cover is refused (2003), the
/// faucet never issues past Int128.max (-32602), and reads of huge positions answer.
@Suite("Devnet NAT arithmetic never traps")
struct NativeOverflowTests {
    @Test("a transfer or pool offer near Int128.max is refused as unaffordable and changes nothing",
        arguments: [Spec.int128Max, "170141183460469231731687303715884105000"])
    func hugeOffer(amount: String) async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let before = t.node.audit()
        await expectRPCError(RPCErrorCode.insufficientFunds, "transfer of \(amount)") {
            try await t.submit(TestNode.transfer(to: try TestKeys.bob().address, amount: amount), by: alice)
        }
        let pool = try await AssetManager(chain: t.chain).agents()[0].pool
        await expectRPCError(RPCErrorCode.insufficientFunds, "pool.enter of \(amount)") {
            try await t.submit(Call(contract: pool, method: "enter", args: ["amount": .string(amount)]), by: alice)
        }
        #expect(t.node.audit() == before)
    }

    @Test("the faucet refuses to issue NAT or UND past Int128.max and changes nothing")
    func faucetBound() async throws {
        let text = #"{"faucet_limit_nat":"\#(Spec.int128Max)","faucet_limit_und":"\#(Spec.int128Max)"}"#
        let t = try TestNode(genesis: try Genesis(contentsOf: Array(text.utf8)))
        let alice = try TestKeys.alice().address
        let before = t.node.audit()
        for (param, nat, und) in [("params.nat", Int128.max, Int128(0)), ("params.und", 0, Int128.max)] {
            try await t.chain.faucet(alice, nat: 0, und: 1)  // a drop of UND, so UND issuance is no longer 0
            let state = t.node.audit()
            let error = await expectRPCError(RPCErrorCode.invalidParams, "faucet of \(param) = Int128.max") {
                try await t.chain.faucet(alice, nat: nat, und: und)
            }
            #expect(error?.message.contains(param) == true, "\(String(describing: error))")
            #expect(t.node.audit() == state)
        }
        #expect(t.node.audit() != before)
        #expect(t.node.audit().violations.isEmpty)
    }

    @Test("a creator key priced near Int128.max: buy reverts with Overflow 3 and the buy quote fails with 1003")
    func creatorKeys() async throws {
        let t = try TestNode()
        let admin = try TestKeys.admin()
        try await t.fund(admin.address, nat: Spec.defaultFaucet)
        let keys = try await t.deployCreatorKeys(by: admin)
        for call in [Call(contract: keys, method: "set_key_price", args: ["price": .string(String(Int128.max / 2 + 1))]),
            Call(contract: keys, method: "set_fee_config", args: ["creator_bps": 9_000, "protocol_bps": 1_000]),
            Call(contract: keys, method: "register_creator", args: ["handle": "whale"])]
        {
            #expect(try await t.submit(call, by: admin).status == .success)
        }
        let buy = try await t.submit(Call(contract: keys, method: "buy_key", args: ["creator": .string(admin.address), "payment": "1"]),
            by: admin)
        #expect(buy.error == ContractFailure(contract: "creator_keys", code: 3, name: "Overflow"), "price + fees overflow: \(buy.json)")
        await expectRPCError(1003, "the buy quote") {
            try await t.chain.call(Call(contract: keys, method: "get_buy_quote", args: ["creator": .string(admin.address)]))
        }
        #expect(t.node.audit().violations.isEmpty)
    }
}
