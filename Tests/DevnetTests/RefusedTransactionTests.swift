import Devnet
import Networks
import Testing

/// Invalid transactions (SPEC 2) are refused with 2000-2099 and change nothing: balances,
/// nonces and the event log are as they were.
@Suite("Devnet refused transactions")
struct RefusedTransactionTests {
    /// A fresh node with alice funded with 1000 NAT; bob is the usual recipient.
    struct Setup {
        let t: TestNode
        let alice: KeyPair
        let bob: String
        var watched: [String] { [alice.address, bob] }

        init() async throws {
            t = try TestNode()
            alice = try TestKeys.alice()
            bob = try TestKeys.bob().address
            try await t.fund(alice.address, nat: Spec.defaultFaucet)
        }

        func transfer(nonce: Int64 = 0, amount: String = "1000", chainID: String? = nil) -> JSON {
            t.envelope(from: alice, nonce: nonce, call: TestNode.transfer(to: bob, amount: amount), chainID: chainID)
        }

        /// Runs `body`, expects error `code`, and checks that nothing changed.
        @discardableResult
        func expectRefused<T>(
            _ code: Int, _ what: String, watching extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
            _ body: () async throws -> T
        ) async throws -> RPCError? {
            let before = try await t.snapshot(watched + extra)
            let error = await expectRPCError(code, what, sourceLocation: sourceLocation, body)
            #expect(error?.message.isEmpty == false, "\(what): the error says why", sourceLocation: sourceLocation)
            let after = try await t.snapshot(watched + extra)
            #expect(after == before, "\(what) changed the node: before \(before), after \(after)", sourceLocation: sourceLocation)
            return error
        }
    }

    /// `hex` with byte `index` XOR-ed with 0x01.
    static func flippingByte(of hex: String, at index: Int) -> String {
        var bytes = Hex.decode(hex) ?? []
        bytes[index] ^= 0x01
        return Hex.encode(bytes)
    }

    @Test("a signature with one flipped byte is refused with 2000", arguments: [0, 31, 32, 63])
    func flippedByte(index: Int) async throws {
        let s = try await Setup()
        let signed = s.alice.sign(envelope: s.transfer())
        try await s.expectRefused(RPCErrorCode.badSignature, "byte \(index) flipped") {
            try await s.t.send(envelope: signed.envelope, signature: Self.flippingByte(of: signed.signature, at: index))
        }
    }

    @Test(
        "a malformed signature is refused with 2000",
        arguments: [
            ("empty", ""), ("short", String(repeating: "0", count: 126)), ("long", String(repeating: "0", count: 130)),
            ("uppercase", String(repeating: "AB", count: 64)), ("non-hex", String(repeating: "zz", count: 64)),
        ])
    func malformedSignature(name: String, signature: String) async throws {
        let s = try await Setup()
        try await s.expectRefused(RPCErrorCode.badSignature, name) { try await s.t.send(envelope: s.transfer(), signature: signature) }
    }

    @Test("a signature by another key is refused with 2000")
    func otherSigner() async throws {
        let s = try await Setup()
        let mallory = try TestKeys.key(0x66)
        try await s.expectRefused(RPCErrorCode.badSignature, "signed by mallory") {
            try await s.t.send(envelope: s.transfer(), signedBy: mallory)
        }
    }

    @Test("a signature over a different envelope is refused with 2000")
    func signatureOfOtherEnvelope() async throws {
        let s = try await Setup()
        let signedSmall = s.alice.sign(envelope: s.transfer(amount: "1"))
        try await s.expectRefused(RPCErrorCode.badSignature, "amount changed after signing") {
            try await s.t.send(envelope: s.transfer(amount: "999000000000000000000"), signature: signedSmall.signature)
        }
    }

    @Test("a replayed transaction is refused with 2001 and data {expected, got}")
    func replay() async throws {
        let s = try await Setup()
        let env = s.transfer(nonce: 0)
        let first = try Receipt(json: try await s.t.send(envelope: env, signedBy: s.alice))
        #expect(first.status == .success)
        let error = try await s.expectRefused(RPCErrorCode.wrongNonce, "replay") { try await s.t.send(envelope: env, signedBy: s.alice) }
        #expect(error?.data == ["expected": 1, "got": 0], "data \(String(describing: error?.data))")
    }

    @Test("a nonce gap is refused with 2001 and data {expected, got}")
    func gap() async throws {
        let s = try await Setup()
        let error = try await s.expectRefused(RPCErrorCode.wrongNonce, "nonce 5 on a fresh account") {
            try await s.t.send(envelope: s.transfer(nonce: 5), signedBy: s.alice)
        }
        #expect(error?.data == ["expected": 0, "got": 5], "data \(String(describing: error?.data))")
    }

    @Test("a negative nonce is refused with 2001")
    func negativeNonce() async throws {
        let s = try await Setup()
        try await s.expectRefused(RPCErrorCode.wrongNonce, "nonce -1") { try await s.t.send(envelope: s.transfer(nonce: -1), signedBy: s.alice) }
    }

    @Test("a sender that was never funded is refused with 2002")
    func unknownSender() async throws {
        let s = try await Setup()
        let stranger = try TestKeys.stranger()
        let env = s.t.envelope(from: stranger, nonce: 0, call: TestNode.transfer(to: s.bob, amount: "0"))
        try await s.expectRefused(RPCErrorCode.unknownSender, "stranger", watching: [stranger.address]) {
            try await s.t.send(envelope: env, signedBy: stranger)
        }
    }

    @Test("a sender who cannot pay the gas is refused with 2003")
    func cannotPayGas() async throws {
        let t = try TestNode()
        let poor = try TestKeys.key(0x01)
        let bob = try TestKeys.bob().address
        try await t.fund(poor.address, nat: Spec.fee(gas: Spec.transferGas) - 1)
        let before = try await t.snapshot([poor.address, bob])
        let env = t.envelope(from: poor, nonce: 0, call: TestNode.transfer(to: bob, amount: "1"))
        let error = await expectRPCError(RPCErrorCode.insufficientFunds, "balance one wei short of the gas") {
            try await t.send(envelope: env, signedBy: poor)
        }
        #expect(error?.data?["gas_fee"] == Amount.wire(Spec.fee(gas: Spec.transferGas)), "data \(String(describing: error?.data))")
        #expect(try await t.snapshot([poor.address, bob]) == before)
    }

    @Test("gas plus the value sent must be covered: one wei short is refused, exact is included")
    func valueAndGas() async throws {
        let t = try TestNode()
        let sender = try TestKeys.key(0x02)
        let bob = try TestKeys.bob().address
        let fee = Spec.fee(gas: Spec.transferGas)
        try await t.fund(sender.address, nat: fee + 999)
        let before = try await t.snapshot([sender.address, bob])
        await expectRPCError(RPCErrorCode.insufficientFunds, "fee + 1000 with fee + 999") {
            try await t.send(envelope: t.envelope(from: sender, nonce: 0, call: TestNode.transfer(to: bob, amount: "1000")), signedBy: sender)
        }
        #expect(try await t.snapshot([sender.address, bob]) == before, "refusal changed the node")
        let receipt = try Receipt(json: try await t.send(
            envelope: t.envelope(from: sender, nonce: 0, call: TestNode.transfer(to: bob, amount: "999")), signedBy: sender))
        #expect(receipt.status == .success)
        #expect(try await t.chain.balance(of: sender.address) == 0, "exactly fee + value leaves nothing")
        #expect(try await t.chain.balance(of: bob) == 999)
    }

    @Test("a wrong chain id is refused with 2004", arguments: ["ledgerqa-devnet-2", "", "LEDGERQA-DEVNET-1"])
    func wrongChainID(chainID: String) async throws {
        let s = try await Setup()
        let error = try await s.expectRefused(RPCErrorCode.wrongChainID, "chain id \(chainID.debugDescription)") {
            try await s.t.send(envelope: s.transfer(chainID: chainID), signedBy: s.alice)
        }
        #expect(error?.data?["expected"] == .string(s.t.chainID))
    }

    @Test(
        "an unknown contract or method is refused with 2005",
        arguments: [
            ("unknown contract", "bank", "transfer"), ("unknown native method", "native", "mint"),
            ("unknown deployer method", "deployer", "destroy"),
            ("contract id never deployed", "c" + String(repeating: "0", count: 64), "set_key_price"),
            ("read method sent as a write", "native", "balance_of"),
        ])
    func unknownCall(name: String, contract: String, method: String) async throws {
        let s = try await Setup()
        let env = s.t.envelope(from: s.alice, nonce: 0, call: Call(contract: contract, method: method, args: [:]))
        try await s.expectRefused(RPCErrorCode.unknownCall, name) { try await s.t.send(envelope: env, signedBy: s.alice) }
    }

    @Test("a read method of a deployed instance sent as a write is refused with 2005")
    func readAsWrite() async throws {
        let s = try await Setup()
        let id = try await s.t.deployCreatorKeys(by: s.alice)
        let env = s.t.envelope(from: s.alice, nonce: 1, call: Call(contract: id, method: "get_key_price"))
        try await s.expectRefused(RPCErrorCode.unknownCall, "get_key_price as a write") { try await s.t.send(envelope: env, signedBy: s.alice) }
    }

    @Test("after a refusal the same account sends with the same nonce")
    func usableAfterRefusal() async throws {
        let s = try await Setup()
        await expectRPCError(RPCErrorCode.badSignature, "bad signature first") {
            try await s.t.send(envelope: s.transfer(), signature: String(repeating: "0", count: 128))
        }
        let receipt = try Receipt(json: try await s.t.send(envelope: s.transfer(nonce: 0), signedBy: s.alice))
        #expect(receipt.status == .success)
        #expect(try await s.t.chain.nonce(of: s.alice.address) == 1)
    }
}
