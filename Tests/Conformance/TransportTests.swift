import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 2: JSON-RPC 2.0 over HTTP, its standard errors, batches, the 1 MiB limit, `/health`
/// and `rpc.discover`. Framing is checked on raw bytes, as any client would send them.
@Suite("Conformance: SPEC 2 transport", .timeLimit(.minutes(5)))
struct TransportTests {
    /// Sends `body` as is and returns the parsed answer.
    static func raw(_ node: Node, _ body: String) async throws -> JSON {
        try JSON.parse(try await node.connection.rpc.transport.roundTrip(Array(body.utf8)))
    }

    static func errorCode(_ answer: JSON) -> Int64? { answer["error"]?["code"]?.intValue }

    /// Every method SPEC 3 and 5 name (the devnet-only faucet aside).
    static let specMethods = [
        "devnet_info", "nat_getBalance", "nat_getNonce", "nat_sendTransaction", "nat_getReceipt", "nat_call", "events_since",
        "und_getBalance", "und_getSequence", "und_sendPayment", "und_getTransaction", "und_setDepositBlocked", "und_getPaymentProof",
    ]

    @Test("SPEC 2: GET /health answers 200")
    func health() async throws {
        let node = try await Node.connect()
        let connection = try RawHTTPConnection(url: node.connection.url)
        let response = try await connection.get("/health")
        #expect(response.status == 200, "GET /health: \(response.status)")
    }

    @Test("SPEC 2: rpc.discover returns an OpenRPC document listing every SPEC method")
    func discover() async throws {
        let node = try await Node.connect()
        let document = try await node.connection.rpc.call("rpc.discover")
        #expect(document["openrpc"]?.stringValue != nil, "an OpenRPC document names its version")
        let names = Set((document["methods"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        #expect(Set(Self.specMethods).subtracting(names).isEmpty, "missing: \(Set(Self.specMethods).subtracting(names).sorted())")
    }

    @Test("SPEC 2: a body that is not JSON is a parse error, -32700")
    func parseError() async throws {
        let node = try await Node.connect()
        for body in ["{\"jsonrpc\":\"2.0\",\"id\":1,", "not json", "{\"jsonrpc\":\"2.0\" \"id\":1}"] {
            #expect(Self.errorCode(try await Self.raw(node, body)) == -32700, "body \(body)")
        }
    }

    @Test("SPEC 2: a request that is not a JSON-RPC 2.0 request is invalid, -32600")
    func invalidRequest() async throws {
        let node = try await Node.connect()
        for body in [#"{"id":1,"method":"devnet_info"}"#, #"{"jsonrpc":"1.0","id":1,"method":"devnet_info"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":7}"#, #"42"#]
        {
            #expect(Self.errorCode(try await Self.raw(node, body)) == -32600, "body \(body)")
        }
    }

    @Test("SPEC 2: an unknown method is -32601")
    func methodNotFound() async throws {
        let node = try await Node.connect()
        await expectRPCError(RPCErrorCode.methodNotFound, "nat_noSuchMethod") { _ = try await node.connection.rpc.call("nat_noSuchMethod") }
    }

    @Test("SPEC 2: missing or mistyped params are -32602")
    func invalidParams() async throws {
        let node = try await Node.connect()
        await expectRPCError(RPCErrorCode.invalidParams, "nat_getBalance without address") { _ = try await node.connection.rpc.call("nat_getBalance") }
        await expectRPCError(RPCErrorCode.invalidParams, "nat_getBalance of a number") {
            _ = try await node.connection.rpc.call("nat_getBalance", ["address": 5])
        }
        await expectRPCError(RPCErrorCode.invalidParams, "nat_getNonce of a malformed address") {
            _ = try await node.connection.rpc.call("nat_getNonce", ["address": "n1234"])
        }
    }

    @Test("SPEC 2: a batch is answered entry by entry, errors in place")
    func batch() async throws {
        let node = try await Node.connect()
        let answers = try await node.connection.rpc.batch([
            ("nat_getNonce", ["address": .string(node.info.admin)]), ("nat_noSuchMethod", [:]), ("devnet_info", [:]),
        ])
        #expect(answers.count == 3)
        #expect((try? answers[0].get())?.intValue != nil, "a nonce: \(answers[0])")
        if case .failure(let error) = answers[1] { #expect(error.code == RPCErrorCode.methodNotFound) } else { Issue.record("the unknown method answered") }
        #expect((try? answers[2].get())?["chain_id"]?.stringValue == node.info.chainID)
    }

    @Test("SPEC 2: a body over 1 MiB is refused with -32600, one of exactly 1 MiB is not, and the connection stays usable")
    func sizeLimit() async throws {
        let node = try await Node.connect()
        let connection = try RawHTTPConnection(url: node.connection.url)
        func body(ofSize size: Int) -> [UInt8] {
            let head = #"{"jsonrpc":"2.0","id":1,"method":"nat_getBalance","params":{"address":""#
            let tail = #""}}"#
            return Array(head.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: size - head.utf8.count - tail.utf8.count) + Array(tail.utf8)
        }
        let over = try await connection.post(body(ofSize: 1_048_577))
        #expect(Self.errorCode(try JSON.parse(over.body)) == -32600, "1 MiB + 1 byte: \(String(decoding: over.body.prefix(200), as: UTF8.self))")
        let exact = try await connection.post(body(ofSize: 1_048_576))
        #expect(Self.errorCode(try JSON.parse(exact.body)) != -32600, "exactly 1 MiB is within the limit")
        let after = try await connection.post(Array(#"{"jsonrpc":"2.0","id":2,"method":"devnet_info"}"#.utf8))
        #expect(try JSON.parse(after.body)["result"]?["chain_id"]?.stringValue == node.info.chainID, "the same connection answers afterwards")
    }
}
