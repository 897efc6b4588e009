import Networks
import Synchronization
import Testing

/// The requests a fake transport was sent, in order.
final class SentRequests: Sendable {
    private let requests = Mutex<[JSON]>([])
    func append(_ request: JSON) { requests.withLock { $0.append(request) } }
    var all: [JSON] { requests.withLock { $0 } }
}

/// A transport that answers from a closure and remembers what it was sent.
struct FakeTransport: Transport {
    let answer: @Sendable (JSON) -> [UInt8]
    let sent = SentRequests()

    init(answer: @escaping @Sendable (JSON) -> [UInt8]) { self.answer = answer }

    /// Answers every request with the same bytes.
    init(canned text: String) { self.init { _ in Array(text.utf8) } }

    func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        let request = try JSON.parse(body)
        sent.append(request)
        return answer(request)
    }
}

/// The JSON-RPC 2.0 client over any transport.
@Suite("RPC client")
struct RPCClientTests {
    /// The response `{"jsonrpc":"2.0","id":<request id>, ...member}`.
    static func reply(to request: JSON, _ member: [String: JSON]) -> JSON {
        var o: [String: JSON] = ["jsonrpc": "2.0", "id": request["id"] ?? .null]
        o.merge(member) { _, new in new }
        return .object(o)
    }

    @Test("a call sends a JSON-RPC 2.0 request with named params and returns the result")
    func resultUnwrapping() async throws {
        let transport = FakeTransport { request in
            Self.reply(to: request, ["result": ["balance": "42", "echo": request["params"] ?? .null]]).canonicalBytes
        }
        let client = RPCClient(transport: transport)
        let result = try await client.call("nat_getBalance", ["address": "n00"])
        #expect(result == ["balance": "42", "echo": ["address": "n00"]])
        let sent = transport.sent.all
        #expect(sent.count == 1)
        #expect(sent.first?["jsonrpc"] == "2.0")
        #expect(sent.first?["method"] == "nat_getBalance")
        #expect(sent.first?["id"]?.intValue != nil, "the request carries an integer id")
    }

    @Test("request ids differ between calls")
    func idsDiffer() async throws {
        let transport = FakeTransport { Self.reply(to: $0, ["result": .null]).canonicalBytes }
        let client = RPCClient(transport: transport)
        _ = try await client.call("a")
        _ = try await client.call("b")
        let ids = transport.sent.all.compactMap { $0["id"]?.intValue }
        #expect(ids.count == 2 && ids[0] != ids[1], "ids \(ids)")
    }

    @Test("a null result is returned as null, not as a failure")
    func nullResult() async throws {
        let client = RPCClient(transport: FakeTransport { Self.reply(to: $0, ["result": .null]).canonicalBytes })
        #expect(try await client.call("x") == .null)
    }

    @Test("an error response throws RPCError with code, message and data")
    func errorResponse() async throws {
        let transport = FakeTransport { request in
            Self.reply(to: request, ["error": ["code": 2001, "message": "wrong nonce", "data": ["expected": 3, "got": 1]]])
                .canonicalBytes
        }
        let error = await #expect(throws: RPCError.self) { try await RPCClient(transport: transport).call("nat_sendTransaction") }
        #expect(error?.code == 2001)
        #expect(error?.message == "wrong nonce")
        #expect(error?.data == ["expected": 3, "got": 1])
    }

    @Test("an error without data has nil data")
    func errorWithoutData() async throws {
        let transport = FakeTransport(canned: #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}"#)
        let error = await #expect(throws: RPCError.self) { try await RPCClient(transport: transport).call("x") }
        #expect(error == RPCError(code: -32700, message: "parse error"))
    }

    @Test("a read error's data decodes as a contract failure")
    func contractFailure() async throws {
        let transport = FakeTransport { request in
            Self.reply(to: request, ["error": [
                "code": 1005, "message": "creator_keys: KeyPriceNotSet",
                "data": ["contract": "creator_keys", "code": 5, "name": "KeyPriceNotSet"],
            ]]).canonicalBytes
        }
        let error = await #expect(throws: RPCError.self) { try await RPCClient(transport: transport).call("nat_call") }
        #expect(error?.contractFailure == ContractFailure(contract: "creator_keys", code: 5, name: "KeyPriceNotSet"))
    }

    @Test("a response with another id is a DecodingFailure")
    func mismatchedID() async throws {
        let transport = FakeTransport { request in
            let other = (request["id"]?.intValue ?? 0) + 100
            return JSON.object(["jsonrpc": "2.0", "id": .int(other), "result": 1]).canonicalBytes
        }
        await #expect(throws: DecodingFailure.self) { try await RPCClient(transport: transport).call("x") }
    }

    @Test(
        "malformed responses are DecodingFailure or JSONParseError, never a result",
        arguments: [
            ("neither result nor error", #"{"jsonrpc":"2.0","id":1}"#),
            ("error without code", #"{"jsonrpc":"2.0","id":1,"error":{"message":"x"}}"#),
            ("error code is a string", #"{"jsonrpc":"2.0","id":1,"error":{"code":"1","message":"x"}}"#),
            ("missing id", #"{"jsonrpc":"2.0","result":1}"#),
        ])
    func malformedResponses(name: String, text: String) async throws {
        // A fresh client's first request has id 1.
        await #expect(throws: DecodingFailure.self, "\(name)") { try await RPCClient(transport: FakeTransport(canned: text)).call("x") }
    }

    @Test("a response that is not JSON is a JSONParseError")
    func notJSON() async throws {
        await #expect(throws: JSONParseError.self) { try await RPCClient(transport: FakeTransport(canned: "<html>")).call("x") }
    }

    @Test("batch results come back in request order with mixed success and error")
    func batchInOrder() async throws {
        // The node answers in reverse order; the client must put them back in request order.
        let transport = FakeTransport { request in
            let answers = (request.arrayValue ?? []).reversed().map { item -> JSON in
                let method = item["method"]?.stringValue ?? ""
                if method == "fail" {
                    return Self.reply(to: item, ["error": ["code": -32601, "message": "method not found: fail"]])
                }
                return Self.reply(to: item, ["result": .string(method)])
            }
            return JSON.array(answers).canonicalBytes
        }
        let results = try await RPCClient(transport: transport).batch([
            (method: "first", params: [:]), (method: "fail", params: [:]), (method: "third", params: ["k": 1]),
        ])
        #expect(results.count == 3)
        #expect(try results[0].get() == "first")
        #expect(throws: RPCError(code: -32601, message: "method not found: fail")) { try results[1].get() }
        #expect(try results[2].get() == "third")
        let sent = transport.sent.all
        #expect(sent.first?.arrayValue?.count == 3, "one HTTP body carrying an array of three requests")
    }

    @Test("a batch answered with a single error object throws that error")
    func batchRefusedWhole() async throws {
        let transport = FakeTransport(canned: #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: empty batch"}}"#)
        let error = await #expect(throws: RPCError.self) { try await RPCClient(transport: transport).batch([(method: "x", params: [:])]) }
        #expect(error?.code == -32600)
    }

    @Test("a batch answer missing an entry is a DecodingFailure")
    func batchMissingEntry() async throws {
        let transport = FakeTransport { request in
            let first = request.arrayValue?.first ?? .null
            return JSON.array([Self.reply(to: first, ["result": 1])]).canonicalBytes
        }
        await #expect(throws: DecodingFailure.self) {
            try await RPCClient(transport: transport).batch([(method: "a", params: [:]), (method: "b", params: [:])])
        }
    }

    @Test("RPCError round-trips through its JSON form")
    func rpcErrorJSON() {
        let error = RPCError(code: 2001, message: "m", data: ["expected": 1])
        #expect(error.json == ["code": 2001, "message": "m", "data": ["expected": 1]])
        #expect(RPCError(code: 1, message: "m").json == ["code": 1, "message": "m"], "no data member when data is nil")
        #expect(error.description.contains("2001"))
    }
}
