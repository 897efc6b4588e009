import Synchronization

/// A JSON-RPC 2.0 client over any `Transport`. Params are always passed by name.
///
/// A read whose answer is lost (closed connection, 5xx, unreadable body) is sent again with
/// bounded back-off (`retryPolicy`); a write is sent once, and the signing account resolves a
/// lost answer by looking the transaction up (`Account`, `UnderlyingAccount`). `counters`
/// says how often that happened.
public final class RPCClient: Sendable {
    public let transport: any Transport
    public let retryPolicy: RetryPolicy
    /// Lost answers, retries and lookups of this client and the accounts that use it.
    public let counters = ResilienceCounters()
    private let nextID = Atomic<Int64>(1)

    /// The methods that only read, so that sending them again is harmless.
    public static let readMethods: Set<String> = [
        "rpc.discover", "devnet_info", "nat_getBalance", "nat_getNonce", "nat_getReceipt", "nat_call", "events_since",
        "und_getBalance", "und_getSequence", "und_getTransaction", "und_getPaymentProof",
    ]

    public init(transport: any Transport, retryPolicy: RetryPolicy = .standard) {
        self.transport = transport
        self.retryPolicy = retryPolicy
    }

    /// Calls `method` and returns its result, or throws the node's `RPCError`. Reads are
    /// retried when their answer is lost; writes are sent once.
    public func call(_ method: String, _ params: JSON = [:]) async throws -> JSON {
        try await retrying(Self.readMethods.contains(method)) {
            let id = self.nextID.add(1, ordering: .relaxed).oldValue
            var body: [UInt8] = []
            Self.writeRequest(id: id, method: method, params: params, to: &body)
            let response = try JSON.parse(try await self.transport.roundTrip(body))
            return try Self.unwrap(response, id: id)
        }
    }

    /// Runs `attempt`, again after a lost answer when `retry` says it may (with back-off), and
    /// counts lost answers and retries.
    func retrying<T>(_ retry: Bool, _ attempt: () async throws -> T) async throws -> T {
        var tries = 0
        while true {
            tries += 1
            do {
                return try await attempt()
            } catch where isLostAnswer(error) {
                counters.record { $0.faultsSeen += 1 }
                guard retry, tries < retryPolicy.attempts else { throw error }
                counters.record { $0.retries += 1 }
                try await Task.sleep(for: retryPolicy.delay(after: tries))
            }
        }
    }

    /// Sends a batch; each entry's result or error comes back in request order. A batch of
    /// reads only is retried like a read.
    public func batch(_ calls: [(method: String, params: JSON)]) async throws -> [Result<JSON, RPCError>] {
        try await retrying(calls.allSatisfy { Self.readMethods.contains($0.method) }) { try await sendBatch(calls) }
    }

    private func sendBatch(_ calls: [(method: String, params: JSON)]) async throws -> [Result<JSON, RPCError>] {
        let first = nextID.add(Int64(calls.count), ordering: .relaxed).oldValue
        var body: [UInt8] = [UInt8(ascii: "[")]
        body.reserveCapacity(160 * calls.count)
        for (n, c) in calls.enumerated() {
            if n > 0 { body.append(UInt8(ascii: ",")) }
            Self.writeRequest(id: first + Int64(n), method: c.method, params: c.params, to: &body)
        }
        body.append(UInt8(ascii: "]"))
        let response = try JSON.parse(try await transport.roundTrip(body))
        guard case .array(let items) = response else {
            if let error = response["error"], let rpc = Self.rpcError(error) { throw rpc }
            throw DecodingFailure("batch response: expected an array, got \(response.typeName)")
        }
        // Answers normally come in request order; only when they do not is an index by id built.
        let inOrder = items.count == calls.count && items.enumerated().allSatisfy { n, item in item["id"]?.intValue == first + Int64(n) }
        var byID: [Int64: JSON] = [:]
        if !inOrder { for item in items { if let id = item["id"]?.intValue { byID[id] = item } } }
        return try (0..<calls.count).map { n in
            let id = first + Int64(n)
            guard let item = inOrder ? items[n] : byID[id] else { throw DecodingFailure("batch response: no answer for id \(id)") }
            do { return .success(try Self.unwrap(item, id: id)) } catch let error as RPCError { return .failure(error) }
        }
    }

    /// Writes one request object in canonical form (keys sorted: id, jsonrpc, method, params)
    /// without building it as a `JSON` object first.
    static func writeRequest(id: Int64, method: String, params: JSON, to body: inout [UInt8]) {
        JSON.append(#"{"id":"#, to: &body)
        JSON.writeInteger(id, to: &body)
        JSON.append(#","jsonrpc":"2.0","method":"#, to: &body)
        JSON.writeString(method, to: &body)
        JSON.append(#","params":"#, to: &body)
        params.write(to: &body, pretty: false, indent: 0)
        body.append(UInt8(ascii: "}"))
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
