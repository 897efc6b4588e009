import Devnet
import Networks
import Testing

/// Named params are checked strictly (SPEC 1): wrong types, bad amounts, malformed
/// addresses and unknown names answer -32602 with a message naming the param path, and
/// change nothing.
@Suite("Devnet params")
struct ParamsTests {
    /// Calls `method` with `params`, expects -32602 naming `path`, and that nothing changed.
    static func expectInvalid(
        _ method: String, _ params: JSON, path: String, on t: TestNode? = nil, watching: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let t = try t ?? TestNode()
        let addresses = watching + [try TestKeys.alice().address]
        let before = try await t.snapshot(addresses)
        let error = await expectRPCError(RPCErrorCode.invalidParams, "\(method) \(params)", sourceLocation: sourceLocation) {
            try await t.rpc.call(method, params)
        }
        #expect(error?.message.contains(path) == true, "message must name \(path): \(String(describing: error?.message))",
            sourceLocation: sourceLocation)
        #expect(try await t.snapshot(addresses) == before, "\(method) \(params) changed the node", sourceLocation: sourceLocation)
    }

    static func alice() throws -> JSON { .string(try TestKeys.alice().address) }

    @Test(
        "a bad NAT amount for the faucet answers -32602 naming params.nat",
        arguments: [
            ("number", JSON.int(5)), ("fractional number", .double(1.5)), ("negative", "-1"), ("fractional", "1.5"),
            ("overflow", .string(Spec.int128MaxPlusOne)), ("non-numeric", "abc"), ("empty", ""), ("exponent", "1e3"),
            ("leading zero", "01"), ("leading space", " 1"), ("boolean", true), ("object", .object(["v": "1"])),
        ])
    func badAmount(name: String, amount: JSON) async throws {
        try await Self.expectInvalid("devnet_faucet", ["address": try Self.alice(), "nat": amount], path: "params.nat")
    }

    @Test("a bad UND amount answers -32602 naming params.und", arguments: [JSON.int(1), "-1", "1.5", "x"])
    func badUndAmount(amount: JSON) async throws {
        try await Self.expectInvalid("devnet_faucet", ["address": try Self.alice(), "und": amount], path: "params.und")
    }

    @Test(
        "a malformed address answers -32602 naming params.address",
        arguments: [
            JSON.string(""), "n", "alice", .int(1), .null,
            .string("u" + String(repeating: "a", count: 64)), .string("c" + String(repeating: "a", count: 64)),
            .string("n" + String(repeating: "A", count: 64)), .string("n" + String(repeating: "a", count: 63)),
            .string("n" + String(repeating: "a", count: 65)), .string("n" + String(repeating: "g", count: 64)),
            .string("N" + String(repeating: "a", count: 64)),
        ])
    func badAddress(address: JSON) async throws {
        try await Self.expectInvalid("nat_getBalance", ["address": address], path: "params.address")
        try await Self.expectInvalid("nat_getNonce", ["address": address], path: "params.address")
        try await Self.expectInvalid("devnet_faucet", ["address": address], path: "params.address")
    }

    @Test("an unknown param name answers -32602 naming it")
    func unknownParam() async throws {
        try await Self.expectInvalid("nat_getBalance", ["address": try Self.alice(), "adress": try Self.alice()], path: "params.adress")
        try await Self.expectInvalid("devnet_faucet", ["address": try Self.alice(), "amount": "5"], path: "params.amount")
        try await Self.expectInvalid("devnet_info", ["verbose": true], path: "params.verbose")
    }

    @Test("a missing required param answers -32602 naming it")
    func missingParam() async throws {
        try await Self.expectInvalid("nat_getBalance", [:], path: "params.address")
        try await Self.expectInvalid("nat_getReceipt", [:], path: "params.hash")
        try await Self.expectInvalid("events_since", ["limit": 5], path: "params.seq")
    }

    @Test("a string where an integer is expected answers -32602", arguments: [
        ("seq", JSON.string("1")), ("seq", .double(1.5)), ("limit", .string("10")), ("limit", .bool(true)),
    ])
    func integerTypes(name: String, value: JSON) async throws {
        var params: [String: JSON] = ["seq": 1]
        params[name] = value
        try await Self.expectInvalid("events_since", .object(params), path: "params.\(name)")
    }

    @Test("an integer written with a fraction (1.0) is not an integer")
    func integerWithFraction() async throws {
        // JSON.double(1.0) canonicalizes to "1", so the request is sent as raw text.
        let t = try TestNode()
        let answer = try t.node.answer(#"{"jsonrpc":"2.0","id":1,"method":"events_since","params":{"seq":1.0}}"#)
        #expect(answer?.errorCode == Int64(RPCErrorCode.invalidParams), "answer \(String(describing: answer))")
        #expect(answer?["error"]?["message"]?.stringValue?.contains("params.seq") == true, "message names params.seq")
    }

    @Test("null params are refused; omitted params mean {}")
    func nullParams() throws {
        let t = try TestNode()
        let null = try t.node.answer(#"{"jsonrpc":"2.0","id":1,"method":"devnet_info","params":null}"#)
        #expect(null?.errorCode == Int64(RPCErrorCode.invalidParams), "params null: \(String(describing: null))")
        let omitted = try t.node.answer(#"{"jsonrpc":"2.0","id":1,"method":"devnet_info"}"#)
        #expect(omitted?["result"]?["chain_id"] == .string(t.chainID), "params omitted: \(String(describing: omitted))")
    }

    @Test("events_since refuses a negative seq and a limit outside 1...10000")
    func eventsSinceRanges() async throws {
        try await Self.expectInvalid("events_since", ["seq": -1], path: "params.seq")
        try await Self.expectInvalid("events_since", ["seq": 1, "limit": 0], path: "params.limit")
        try await Self.expectInvalid("events_since", ["seq": 1, "limit": 10_001], path: "params.limit")
    }

    @Test("events_since filter params are checked too")
    func eventsSinceFilter() async throws {
        try await Self.expectInvalid("events_since", ["seq": 1, "filter": ["kind": "x"]], path: "params.filter.kind")
        try await Self.expectInvalid("events_since", ["seq": 1, "filter": ["type": 1]], path: "params.filter.type")
        try await Self.expectInvalid("events_since", ["seq": 1, "filter": "Transfer"], path: "params.filter")
    }

    @Test("the faucet refuses more than the genesis limit per call")
    func faucetLimit() async throws {
        let limit = Genesis.default.faucetLimitNat
        try await Self.expectInvalid("devnet_faucet", ["address": try Self.alice(), "nat": Amount.wire(limit + 1)], path: "params.nat")
        let t = try TestNode()
        try await t.fund(try TestKeys.alice().address, nat: limit)
        #expect(try await t.chain.balance(of: try TestKeys.alice().address) == limit, "exactly the limit is fine")
    }

    @Test("nat_call args are checked against the read's params")
    func readArgs() async throws {
        let t = try TestNode()
        let admin = try TestKeys.admin()
        try await t.fund(admin.address, nat: Spec.defaultFaucet)
        let id = try await t.deployCreatorKeys(by: admin)
        let call = { (args: JSON) -> JSON in ["contract": .string(id), "method": "get_buy_quote", "args": args] }
        try await Self.expectInvalid("nat_call", call(["creator": "bob"]), path: "params.args.creator", on: t)
        try await Self.expectInvalid("nat_call", call([:]), path: "params.args.creator", on: t)
        try await Self.expectInvalid("nat_call", call(["creator": try Self.alice(), "extra": 1]), path: "params.args.extra", on: t)
        try await Self.expectInvalid("nat_call", ["contract": .string(id)], path: "params.method", on: t)
        try await Self.expectInvalid("nat_call", ["contract": 1, "method": "get_key_price"], path: "params.contract", on: t)
    }
}
