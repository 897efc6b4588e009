import Devnet
import Networks
import Testing

/// JSON-RPC 2.0 framing (SPEC 2): parse errors, invalid requests, batches, notifications,
/// size limits. The bad requests carry a faucet call, so one that slipped through would show.
@Suite("Devnet JSON-RPC framing")
struct FramingTests {
    static func faucetParams() throws -> JSON { ["address": .string(try TestKeys.alice().address), "nat": "5"] }

    /// Sends `body` raw, expects one error answer with `code` and `id`, and that nothing changed.
    static func expectRefused(
        _ body: [UInt8], code: Int, id: JSON = .null, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice().address
        let before = try await t.snapshot([alice])
        let answer = try #require(try t.node.answer(bytes: body), "\(what): expected an answer", sourceLocation: sourceLocation)
        #expect(answer["jsonrpc"] == "2.0", "\(what): jsonrpc member", sourceLocation: sourceLocation)
        #expect(answer.errorCode == Int64(code), "\(what): error code in \(answer)", sourceLocation: sourceLocation)
        #expect(answer["id"] == id, "\(what): id in \(answer)", sourceLocation: sourceLocation)
        #expect(answer["result"] == nil, "\(what): an error answer has no result", sourceLocation: sourceLocation)
        #expect(try await t.snapshot([alice]) == before, "\(what): the node changed", sourceLocation: sourceLocation)
    }

    @Test("malformed JSON answers -32700 with id null", arguments: [
        #"{"jsonrpc":"2.0","id":1,"method":"devnet_faucet""#, "not json", "", #"{"id":1,"id":2}"#, "[1,]",
    ])
    func parseError(text: String) async throws {
        try await Self.expectRefused(Array(text.utf8), code: RPCErrorCode.parseError, text.debugDescription)
    }

    @Test("a request that is not an object answers -32600 with id null", arguments: ["1", #""devnet_info""#, "null", "true"])
    func nonObject(text: String) async throws {
        try await Self.expectRefused(Array(text.utf8), code: RPCErrorCode.invalidRequest, text)
    }

    @Test("a missing or wrong \"jsonrpc\" answers -32600 with the request id", arguments: [
        nil, JSON.string("1.0"), .double(2.0), .string("2"), .null,
    ])
    func badVersion(version: JSON?) async throws {
        var o: [String: JSON] = ["id": 7, "method": "devnet_faucet", "params": try Self.faucetParams()]
        if let version { o["jsonrpc"] = version }
        try await Self.expectRefused(JSON.object(o).canonicalBytes, code: RPCErrorCode.invalidRequest, id: 7, "jsonrpc \(String(describing: version))")
    }

    @Test("a method that is not a string answers -32600", arguments: [nil, JSON.int(1), .null, .array(["devnet_faucet"])])
    func badMethod(method: JSON?) async throws {
        var o: [String: JSON] = ["jsonrpc": "2.0", "id": "m", "params": try Self.faucetParams()]
        if let method { o["method"] = method }
        try await Self.expectRefused(JSON.object(o).canonicalBytes, code: RPCErrorCode.invalidRequest, id: "m", "method \(String(describing: method))")
    }

    @Test("an id that is not a string, integer or null answers -32600 with id null", arguments: [
        JSON.object([:]), .array([1]), .bool(true), .double(1.5),
    ])
    func badID(id: JSON) async throws {
        let body = request("devnet_faucet", id: id, params: try Self.faucetParams()).canonicalBytes
        try await Self.expectRefused(body, code: RPCErrorCode.invalidRequest, "id \(id)")
    }

    @Test("params by position answer -32602")
    func positionalParams() async throws {
        let body = request("devnet_faucet", id: 3, params: [.string(try TestKeys.alice().address), "5"]).canonicalBytes
        try await Self.expectRefused(body, code: RPCErrorCode.invalidParams, id: 3, "params array")
    }

    @Test("params that are neither object nor array answer -32602")
    func scalarParams() async throws {
        try await Self.expectRefused(request("devnet_info", id: 3, params: "x").canonicalBytes, code: RPCErrorCode.invalidParams, id: 3, "params string")
    }

    @Test("an unknown method answers -32601 with the request id")
    func unknownMethod() async throws {
        try await Self.expectRefused(request("nat_mint", id: "abc", params: [:]).canonicalBytes, code: RPCErrorCode.methodNotFound, id: "abc", "nat_mint")
    }

    @Test("method names are case-sensitive")
    func methodCase() async throws {
        try await Self.expectRefused(request("Devnet_Info").canonicalBytes, code: RPCErrorCode.methodNotFound, id: 1, "Devnet_Info")
    }

    @Test("an empty batch answers one -32600 object, not an array")
    func emptyBatch() async throws {
        try await Self.expectRefused(Array("[]".utf8), code: RPCErrorCode.invalidRequest, "[]")
    }

    @Test("string, integer and null ids are echoed back")
    func idsEchoed() throws {
        let t = try TestNode()
        for id in [JSON.string("req-1"), .int(0), .int(-5), .int(Int64.max), .null] {
            let answer = try #require(try t.node.answer(bytes: request("devnet_info", id: id).canonicalBytes), "id \(id)")
            #expect(answer["id"] == id, "id \(id) echoed")
            #expect(answer["result"]?["chain_id"] == .string(t.chainID), "id \(id) gets a result")
        }
    }

    @Test("whitespace around a request is fine")
    func whitespace() throws {
        let t = try TestNode()
        let answer = try t.node.answer(" \n\t{ \"jsonrpc\" : \"2.0\", \"id\" : 1, \"method\" : \"devnet_info\" } \r\n")
        #expect(answer?["result"]?["chain_id"] == .string(t.chainID))
    }

    @Test("a batch mixing valid and invalid entries answers each entry in a JSON array")
    func mixedBatch() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice().address
        let batch: JSON = [
            request("devnet_faucet", id: 1, params: ["address": .string(alice), "nat": "5"]),
            1,
            ["id": 3, "method": "devnet_info"],
            request("nat_nothing", id: 4),
            request("nat_getBalance", id: 5, params: ["address": .string(alice)]),
            request("nat_getBalance", id: 6, params: ["address": "bad"]),
            request("devnet_faucet", id: nil, params: ["address": .string(alice), "nat": "7"]),
        ]
        let answer = try #require(try t.node.answer(bytes: batch.canonicalBytes))
        let items = try #require(answer.arrayValue, "a batch is answered with an array, got \(answer)")
        #expect(items.count == 6, "one answer per request, none for the notification: \(answer)")
        func item(_ id: Int64) -> JSON? { items.first { $0["id"]?.intValue == id } }
        #expect(item(1)?["result"]?["nat"] == "5", "faucet succeeded")
        #expect(item(3)?.errorCode == Int64(RPCErrorCode.invalidRequest), "missing jsonrpc")
        #expect(item(4)?.errorCode == Int64(RPCErrorCode.methodNotFound), "unknown method")
        #expect(item(5)?["result"] == "5", "balance read inside the batch sees the earlier faucet call")
        #expect(item(6)?.errorCode == Int64(RPCErrorCode.invalidParams), "malformed address")
        let nullIDs = items.filter { $0["id"] == .null }
        #expect(nullIDs.count == 1 && nullIDs.first?.errorCode == Int64(RPCErrorCode.invalidRequest), "the bare 1 gets -32600 with id null")
        #expect(try await t.chain.balance(of: alice) == 12, "the notification in the batch ran too")
    }

    @Test("a notification gets no answer but still runs")
    func notification() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice().address
        let body = request("devnet_faucet", id: nil, params: ["address": .string(alice), "nat": "9"]).canonicalBytes
        #expect(t.node.handle(body) == nil)
        #expect(try await t.chain.balance(of: alice) == 9)
    }

    @Test("a failing notification gets no answer", arguments: [
        request("nat_nothing", id: nil),
        request("nat_getBalance", id: nil, params: ["address": "bad"]),
        request("devnet_info", id: nil, params: [1]),
    ])
    func failingNotification(notification: JSON) throws {
        let t = try TestNode()
        let answer = t.node.handle(notification.canonicalBytes)
        #expect(answer == nil, "JSON-RPC 2.0 section 4.1: no reply to a notification, got \(answer.map { String(decoding: $0, as: UTF8.self) } ?? "")")
    }

    @Test("a batch of notifications only gets no answer")
    func notificationBatch() throws {
        let t = try TestNode()
        let batch: JSON = [request("devnet_info", id: nil), request("nat_nothing", id: nil)]
        #expect(t.node.handle(batch.canonicalBytes) == nil)
    }

    @Test("a body of exactly 1 MiB is served")
    func bodyAtLimit() async throws {
        let t = try TestNode()
        var body = request("devnet_info").canonicalBytes
        body += Array(repeating: 0x20, count: DevnetNode.maxBodyBytes - body.count)
        #expect(body.count == 1 << 20)
        let answer = try t.node.answer(bytes: body)
        #expect(answer?["result"]?["chain_id"] == .string(t.chainID), "answer \(String(describing: answer))")
    }

    @Test("a body over 1 MiB answers -32600 and is not run")
    func bodyOverLimit() async throws {
        var body = request("devnet_faucet", id: 1, params: try Self.faucetParams()).canonicalBytes
        body += Array(repeating: 0x20, count: DevnetNode.maxBodyBytes + 1 - body.count)
        #expect(body.count == (1 << 20) + 1)
        try await Self.expectRefused(body, code: RPCErrorCode.invalidRequest, "body of 1 MiB + 1")
    }

    @Test("a batch of maxBatchSize entries is served")
    func batchAtLimit() throws {
        let t = try TestNode()
        let batch = JSON.array((0..<DevnetNode.maxBatchSize).map { request("devnet_info", id: .int(Int64($0))) })
        let answer = try #require(try t.node.answer(bytes: batch.canonicalBytes)?.arrayValue)
        #expect(answer.count == DevnetNode.maxBatchSize)
        #expect(answer.allSatisfy { $0["result"] != nil }, "every entry succeeds")
    }

    @Test("a batch over maxBatchSize answers one -32600 and runs nothing")
    func batchOverLimit() async throws {
        let params = try Self.faucetParams()
        let batch = JSON.array((0...DevnetNode.maxBatchSize).map { request("devnet_faucet", id: .int(Int64($0)), params: params) })
        try await Self.expectRefused(batch.canonicalBytes, code: RPCErrorCode.invalidRequest, "batch of maxBatchSize + 1")
    }

    @Test("a nested batch entry is an invalid request")
    func nestedBatch() throws {
        let t = try TestNode()
        let answer = try #require(try t.node.answer(bytes: JSON.array([[request("devnet_info")]]).canonicalBytes)?.arrayValue)
        #expect(answer.count == 1 && answer.first?.errorCode == Int64(RPCErrorCode.invalidRequest), "answer \(answer)")
    }
}
