import Devnet
import Networks
import Testing

/// A valid transaction whose call fails is included and reverted (SPEC 2): the nonce
/// advances, gas is charged, nothing else changes, no events, and the receipt says why.
@Suite("Devnet reverted transactions")
struct RevertedTransactionTests {
    /// A node where alice administers a fresh creator-keys instance and bob is funded.
    struct Setup {
        let t: TestNode
        let alice: KeyPair
        let bob: KeyPair
        let keys: String

        init() async throws {
            t = try TestNode()
            alice = try TestKeys.alice()
            bob = try TestKeys.bob()
            try await t.fund(alice.address, nat: Spec.defaultFaucet)
            try await t.fund(bob.address, nat: Spec.defaultFaucet)
            keys = try await t.deployCreatorKeys(by: alice)
        }

        /// Sends `call` from `key` and checks the SPEC revert rules; returns the receipt JSON.
        @discardableResult
        func expectReverted(
            _ call: Call, by key: KeyPair, code: Int, name: String, contract: String = "creator_keys",
            gas: Int64 = Spec.adminGas, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> JSON {
            let watched = [alice.address, bob.address]
            let before = try await t.snapshot(watched)
            let raw = try await t.send(envelope: t.envelope(from: key, nonce: before.nonces[key.address] ?? 0, call: call), signedBy: key)
            let receipt = try Receipt(json: raw)
            #expect(raw["status"] == "reverted", "status in \(raw)", sourceLocation: sourceLocation)
            #expect(raw["error"] == ["contract": .string(contract), "code": .int(Int64(code)), "name": .string(name)],
                "error in \(raw)", sourceLocation: sourceLocation)
            #expect(raw["result"] == nil || raw["result"] == .null, "a reverted call has no result", sourceLocation: sourceLocation)
            #expect(receipt.events.isEmpty, "a reverted call emits no events", sourceLocation: sourceLocation)
            #expect(receipt.gasUsed == gas && receipt.fee == Spec.fee(gas: gas), "gas \(receipt.gasUsed), fee \(receipt.fee)",
                sourceLocation: sourceLocation)

            var expected = before
            expected.nonces[key.address, default: 0] += 1
            expected.balances[key.address, default: 0] -= Spec.fee(gas: gas)
            #expect(try await t.snapshot(watched) == expected, "only the nonce and the gas may change", sourceLocation: sourceLocation)
            #expect(try await t.rpc.call("nat_getReceipt", ["hash": .string(receipt.hash)]) == raw,
                "nat_getReceipt returns the same receipt", sourceLocation: sourceLocation)
            return raw
        }

        func keyPrice() async throws -> JSON { try await t.rpc.call("nat_call", ["contract": .string(keys), "method": "get_key_price"]) }
    }

    @Test("set_key_price \"0\" reverts with NotPositiveAmount 6")
    func notPositive() async throws {
        let s = try await Setup()
        try await s.expectReverted(Call(contract: s.keys, method: "set_key_price", args: ["price": "0"]), by: s.alice,
            code: 6, name: "NotPositiveAmount")
        await expectRPCError(1005, "the price is still unset") { try await s.keyPrice() }
    }

    @Test("set_key_price by someone other than the instance admin reverts with Unauthorized 18")
    func unauthorized() async throws {
        let s = try await Setup()
        _ = try await s.t.submit(Call(contract: s.keys, method: "set_key_price", args: ["price": "1000"]), by: s.alice)
        try await s.expectReverted(Call(contract: s.keys, method: "set_key_price", args: ["price": "5"]), by: s.bob,
            code: 18, name: "Unauthorized")
        #expect(try await s.keyPrice() == "1000", "the admin's price stands")
    }

    @Test("the devnet admin is not the admin of someone else's instance")
    func devnetAdminIsNotInstanceAdmin() async throws {
        let s = try await Setup()
        let admin = s.t.node.adminKey
        try await s.t.fund(admin.address, nat: Spec.defaultFaucet)
        let before = try await s.t.chain.balance(of: admin.address)
        let receipt = try await s.t.submit(Call(contract: s.keys, method: "pause"), by: admin)
        #expect(receipt.status == .reverted && receipt.error?.code == 18, "receipt \(receipt.json)")
        #expect(try await s.t.chain.balance(of: admin.address) == before - Spec.fee(gas: Spec.adminGas))
    }

    @Test("a fee config that does not sum to 10_000 reverts with InvalidFeeConfig 8")
    func invalidFeeConfig() async throws {
        let s = try await Setup()
        try await s.expectReverted(Call(contract: s.keys, method: "set_fee_config", args: ["creator_bps": 9000, "protocol_bps": 999]),
            by: s.alice, code: 8, name: "InvalidFeeConfig")
        await expectRPCError(1007, "fee config still unset") {
            try await s.t.rpc.call("nat_call", ["contract": .string(s.keys), "method": "get_fee_config"])
        }
    }

    @Test("a handle that is too short reverts with HandleTooShort 12 and registers nothing")
    func handleTooShort() async throws {
        let s = try await Setup()
        try await s.expectReverted(Call(contract: s.keys, method: "register_creator", args: ["handle": "ab"]), by: s.bob,
            code: 12, name: "HandleTooShort", gas: Spec.registerGas)
        await expectRPCError(1002, "bob is not registered") {
            try await s.t.rpc.call("nat_call", ["contract": .string(s.keys), "method": "get_creator", "args": ["creator": .string(s.bob.address)]])
        }
    }

    @Test("a native transfer of 0 reverts with the native NotPositiveAmount 1")
    func zeroTransfer() async throws {
        let s = try await Setup()
        try await s.expectReverted(TestNode.transfer(to: s.bob.address, amount: "0"), by: s.alice,
            code: 1, name: "NotPositiveAmount", contract: "native", gas: Spec.transferGas)
    }

    @Test("an account can keep sending after a revert, with the next nonce")
    func nonceAfterRevert() async throws {
        let s = try await Setup()
        let reverted = try await s.t.submit(Call(contract: s.keys, method: "set_key_price", args: ["price": "0"]), by: s.alice)
        #expect(reverted.status == .reverted)
        let replay = s.t.envelope(from: s.alice, nonce: 1, call: Call(contract: s.keys, method: "set_key_price", args: ["price": "0"]))
        await expectRPCError(RPCErrorCode.wrongNonce, "the reverted transaction used nonce 1") {
            try await s.t.send(envelope: replay, signedBy: s.alice)
        }
        let ok = try await s.t.submit(Call(contract: s.keys, method: "set_key_price", args: ["price": "7"]), by: s.alice)
        #expect(ok.status == .success)
        #expect(try await s.t.chain.nonce(of: s.alice.address) == 3, "deploy, revert, success")
    }
}
