import Devnet
import Networks
import Testing

/// `nat_call` (SPEC 2): unsigned, never changes state; a failing read answers
/// `1000 + contract code` with `{contract, code, name}` in data.
@Suite("Devnet read calls")
struct ReadCallTests {
    static func setUp() async throws -> (TestNode, KeyPair, String) {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        return (t, alice, try await t.deployCreatorKeys(by: alice))
    }

    static func read(_ t: TestNode, _ keys: String, _ method: String, _ args: JSON = [:]) async throws -> JSON {
        try await t.rpc.call("nat_call", ["contract": .string(keys), "method": .string(method), "args": args])
    }

    @Test(
        "a failing read answers 1000 + the contract code with {contract, code, name}",
        arguments: [
            ("get_key_price", 5, "KeyPriceNotSet"),
            ("get_fee_config", 7, "FeeConfigNotSet"),
            ("get_buy_quote", 2, "NotRegistered"),
        ])
    func failingRead(method: String, code: Int, name: String) async throws {
        let (t, alice, keys) = try await Self.setUp()
        let args: JSON = method == "get_buy_quote" ? ["creator": .string(alice.address)] : [:]
        let before = try await t.snapshot([alice.address])
        let error = await expectRPCError(1000 + code, method) { try await Self.read(t, keys, method, args) }
        #expect(error?.data == ["contract": "creator_keys", "code": .int(Int64(code)), "name": .string(name)],
            "data \(String(describing: error?.data))")
        #expect(error?.contractFailure?.code == code)
        #expect(try await t.snapshot([alice.address]) == before, "a read changes nothing")
    }

    @Test("get_key_price before set_key_price answers 1005, after it the price")
    func keyPriceLifecycle() async throws {
        let (t, alice, keys) = try await Self.setUp()
        await expectRPCError(1005, "before") { try await Self.read(t, keys, "get_key_price") }
        _ = try await t.submit(Call(contract: keys, method: "set_key_price", args: ["price": "250"]), by: alice)
        #expect(try await Self.read(t, keys, "get_key_price") == "250")
    }

    @Test("a successful read changes nothing and costs nothing")
    func readIsFree() async throws {
        let (t, alice, keys) = try await Self.setUp()
        let before = try await t.snapshot([alice.address])
        #expect(try await Self.read(t, keys, "get_curve") == ["kind": "flat", "slope": "0"])
        #expect(try await Self.read(t, keys, "get_treasury_balance") == "0")
        #expect(try await t.snapshot([alice.address]) == before)
    }

    @Test("an unknown read or contract answers -32601")
    func unknownRead() async throws {
        let (t, _, keys) = try await Self.setUp()
        await expectRPCError(RPCErrorCode.methodNotFound, "unknown method") { try await Self.read(t, keys, "get_everything") }
        await expectRPCError(RPCErrorCode.methodNotFound, "write method as a read") {
            try await Self.read(t, keys, "set_key_price", ["price": "1"])
        }
        await expectRPCError(RPCErrorCode.methodNotFound, "undeployed contract") {
            try await Self.read(t, "c" + String(repeating: "1", count: 64), "get_key_price")
        }
    }
}
