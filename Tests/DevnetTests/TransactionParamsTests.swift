import Devnet
import Networks
import Testing

/// A signed transaction whose envelope or call args are malformed answers -32602 naming the
/// path inside `params.envelope`, and is not included: no nonce, no gas, no events.
@Suite("Devnet transaction params")
struct TransactionParamsTests {
    /// A funded alice on a fresh node.
    static func setUp() async throws -> (TestNode, KeyPair, String) {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        return (t, alice, try TestKeys.bob().address)
    }

    /// Signs `envelope` with alice, sends it, expects -32602 naming `path`, and that nothing changed.
    static func expectInvalid(_ envelope: (KeyPair, String) -> JSON, path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let (t, alice, bob) = try await setUp()
        let before = try await t.snapshot([alice.address, bob])
        let env = envelope(alice, bob)
        let error = await expectRPCError(RPCErrorCode.invalidParams, "envelope \(env)", sourceLocation: sourceLocation) {
            try await t.send(envelope: env, signedBy: alice)
        }
        #expect(error?.message.contains(path) == true, "message must name \(path): \(String(describing: error?.message))",
            sourceLocation: sourceLocation)
        #expect(try await t.snapshot([alice.address, bob]) == before, "a refused transaction changed the node", sourceLocation: sourceLocation)
    }

    static func transferEnvelope(_ alice: KeyPair, amount: JSON, to: JSON) -> JSON {
        ["chain_id": .string(Genesis.default.chainID), "from": .string(alice.address), "nonce": 0,
         "call": ["contract": "native", "method": "transfer", "args": ["to": to, "amount": amount]]]
    }

    @Test(
        "a bad transfer amount names params.envelope.call.args.amount",
        arguments: [
            ("number", JSON.int(1)), ("negative", "-1"), ("fractional", "1.5"), ("overflow", .string(Spec.int128MaxPlusOne)),
            ("non-numeric", "abc"), ("empty", ""),
        ])
    func badTransferAmount(name: String, amount: JSON) async throws {
        try await Self.expectInvalid({ a, b in Self.transferEnvelope(a, amount: amount, to: .string(b)) }, path: "params.envelope.call.args.amount")
    }

    @Test("a malformed recipient names params.envelope.call.args.to", arguments: [JSON.string("bob"), .int(0), .string("u" + String(repeating: "0", count: 64))])
    func badRecipient(to: JSON) async throws {
        try await Self.expectInvalid({ a, _ in Self.transferEnvelope(a, amount: "1", to: to) }, path: "params.envelope.call.args.to")
    }

    @Test("an unknown call arg names it")
    func unknownArg() async throws {
        try await Self.expectInvalid({ a, b in
            var env = Self.transferEnvelope(a, amount: "1", to: .string(b))
            if case .object(var o) = env, case .object(var call)? = o["call"] {
                call["args"] = ["to": .string(b), "amount": "1", "memo": "hi"]
                o["call"] = .object(call)
                env = .object(o)
            }
            return env
        }, path: "params.envelope.call.args.memo")
    }

    @Test("a nonce that is not an integer names params.envelope.nonce", arguments: [JSON.string("0"), .double(0.5), .null])
    func badNonce(nonce: JSON) async throws {
        try await Self.expectInvalid({ a, b in
            ["chain_id": .string(Genesis.default.chainID), "from": .string(a.address), "nonce": nonce,
             "call": Self.transferCall(to: b)]
        }, path: "params.envelope.nonce")
    }

    static func transferCall(to: String) -> JSON { TestNode.transfer(to: to, amount: "1").json }

    @Test("an unknown envelope field names it")
    func unknownEnvelopeField() async throws {
        try await Self.expectInvalid({ a, b in
            ["chain_id": .string(Genesis.default.chainID), "from": .string(a.address), "nonce": 0, "call": Self.transferCall(to: b), "gas": 1]
        }, path: "params.envelope.gas")
    }

    @Test("a malformed sender names params.envelope.from")
    func badFrom() async throws {
        try await Self.expectInvalid({ a, b in
            ["chain_id": .string(Genesis.default.chainID), "from": .string(a.publicKeyHex), "nonce": 0, "call": Self.transferCall(to: b)]
        }, path: "params.envelope.from")
    }

    @Test("a missing call names params.envelope.call")
    func missingCall() async throws {
        try await Self.expectInvalid({ a, _ in
            ["chain_id": .string(Genesis.default.chainID), "from": .string(a.address), "nonce": 0]
        }, path: "params.envelope.call")
    }

    @Test("a call whose method is not a string names params.envelope.call.method")
    func badCallMethod() async throws {
        try await Self.expectInvalid({ a, _ in
            ["chain_id": .string(Genesis.default.chainID), "from": .string(a.address), "nonce": 0,
             "call": ["contract": "native", "method": 1]]
        }, path: "params.envelope.call.method")
    }

    @Test("an envelope that is not an object names params.envelope")
    func envelopeNotObject() async throws {
        let (t, alice, bob) = try await Self.setUp()
        let before = try await t.snapshot([alice.address, bob])
        let params: JSON = ["envelope": "x", "signature": .string(String(repeating: "0", count: 128))]
        let error = await expectRPCError(RPCErrorCode.invalidParams, "string envelope") {
            try await t.rpc.call("nat_sendTransaction", params)
        }
        #expect(error?.message.contains("params.envelope") == true, "message \(String(describing: error?.message))")
        #expect(try await t.snapshot([alice.address, bob]) == before)
    }

    @Test("a deploy of an unknown kind names params.envelope.call.args.kind")
    func unknownKind() async throws {
        try await Self.expectInvalid({ a, _ in
            ["chain_id": .string(Genesis.default.chainID), "from": .string(a.address), "nonce": 0,
             "call": ["contract": "deployer", "method": "deploy", "args": ["kind": "pool"]]]
        }, path: "params.envelope.call.args.kind")
    }
}
