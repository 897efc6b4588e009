import Synchronization

/// A JSON-RPC 2.0 client over any `Transport`. Params are always passed by name.
public final class RPCClient: Sendable {
    public let transport: any Transport
    private let nextID = Atomic<Int64>(1)

    public init(transport: any Transport) {
        self.transport = transport
    }

    /// Calls `method` and returns its result, or throws the node's `RPCError`.
    public func call(_ method: String, _ params: JSON = [:]) async throws -> JSON {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let request: JSON = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params]
        let response = try JSON.parse(try await transport.roundTrip(request.canonicalBytes))
        return try Self.unwrap(response, id: id)
    }

    /// Sends a batch; each entry's result or error comes back in request order.
    public func batch(_ calls: [(method: String, params: JSON)]) async throws -> [Result<JSON, RPCError>] {
        let first = nextID.add(Int64(calls.count), ordering: .relaxed).oldValue
        let requests = calls.enumerated().map { n, c -> JSON in
            ["jsonrpc": "2.0", "id": .int(first + Int64(n)), "method": .string(c.method), "params": c.params]
        }
        let response = try JSON.parse(try await transport.roundTrip(JSON.array(requests).canonicalBytes))
        guard case .array(let items) = response else {
            if let error = response["error"], let rpc = Self.rpcError(error) { throw rpc }
            throw DecodingFailure("batch response: expected an array, got \(response.typeName)")
        }
        var byID: [Int64: JSON] = [:]
        for item in items { if let id = item["id"]?.intValue { byID[id] = item } }
        return try (0..<calls.count).map { n in
            let id = first + Int64(n)
            guard let item = byID[id] else { throw DecodingFailure("batch response: no answer for id \(id)") }
            do { return .success(try Self.unwrap(item, id: id)) } catch let error as RPCError { return .failure(error) }
        }
    }

    static func unwrap(_ response: JSON, id: Int64) throws -> JSON {
        if let error = response["error"], !error.isNull {
            guard let rpc = rpcError(error) else { throw DecodingFailure("malformed error object \(error)") }
            throw rpc
        }
        guard response["id"]?.intValue == id else { throw DecodingFailure("response id does not match request id \(id)") }
        guard let result = response["result"] else { throw DecodingFailure("response has neither result nor error") }
        return result
    }

    static func rpcError(_ json: JSON) -> RPCError? {
        guard let code = json["code"]?.intValue, let message = json["message"]?.stringValue else { return nil }
        return RPCError(code: Int(code), message: message, data: json["data"])
    }
}
