/// What `devnet_info` reports about a network (SPEC 3).
public struct NetworkInfo: Sendable, Hashable {
    public var chainID: String
    /// The underlying chain's id (SPEC 5).
    public var underlyingChainID: String
    /// The address whose key signs payment proofs.
    public var attestor: String
    public var genesisHash: String
    public var admin: String
    public var gasPrice: Int128
    /// Well-known contract ids by name (`deployer`, `asset_manager`, `fund`, ...).
    public var contracts: [String: String]
    /// Kafka bootstrap servers, or `nil` when the node publishes no events to Kafka.
    public var kafka: String?

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "devnet_info")
        chainID = try f.string("chain_id")
        underlyingChainID = try f.string("underlying_chain_id")
        attestor = try f.string("attestor")
        genesisHash = try f.string("genesis_hash")
        admin = try f.string("admin")
        gasPrice = try f.amount("gas_price")
        contracts = (json["contracts"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        kafka = json["kafka"]?.stringValue
    }
}

/// Typed calls of the native chain (SPEC 3): balances, nonces, transactions, reads, events.
public struct NativeChain: Sendable {
    public let rpc: RPCClient

    public init(rpc: RPCClient) { self.rpc = rpc }

    public func info() async throws -> NetworkInfo { try NetworkInfo(json: try await rpc.call("devnet_info")) }

    /// NAT balance in wei.
    public func balance(of address: String) async throws -> Int128 {
        try Self.amount(try await rpc.call("nat_getBalance", ["address": .string(address)]), "nat_getBalance")
    }

    /// The next nonce the account must use.
    public func nonce(of address: String) async throws -> Int64 {
        let result = try await rpc.call("nat_getNonce", ["address": .string(address)])
        guard let nonce = result.intValue else { throw DecodingFailure("nat_getNonce: expected an integer, got \(result)") }
        return nonce
    }

    /// Sends a signed transaction and returns its receipt (which may say `reverted`).
    public func send(_ transaction: SignedTransaction) async throws -> Receipt {
        try Receipt(json: try await rpc.call("nat_sendTransaction", transaction.json))
    }

    public func receipt(_ hash: String) async throws -> Receipt {
        try Receipt(json: try await rpc.call("nat_getReceipt", ["hash": .string(hash)]))
    }

    /// The receipt of `hash`, or nil when the node has included no such transaction.
    public func receiptIfIncluded(_ hash: String) async throws -> Receipt? {
        do { return try await receipt(hash) } catch let error as RPCError where error.isUnknownTransaction { return nil }
    }

    /// A read-only contract call; contract failures arrive as `RPCError` 1000 + code.
    public func call(_ call: Call) async throws -> JSON {
        try await rpc.call("nat_call", call.json)
    }

    /// Devnet only: credits `nat` wei (and `und` drops) to `address`.
    @discardableResult
    public func faucet(_ address: String, nat: Int128? = nil, und: Int128? = nil) async throws -> JSON {
        var params: [String: JSON] = ["address": .string(address)]
        if let nat { params["nat"] = Amount.wire(nat) }
        if let und { params["und"] = Amount.wire(und) }
        return try await rpc.call("devnet_faucet", .object(params))
    }

    /// Events with `seq >= since`, at most `limit`, optionally filtered by type and resource.
    public func events(since: Int64, limit: Int = 1000, type: String? = nil, resource: String? = nil) async throws
        -> (events: [Event], nextSeq: Int64)
    {
        var filter: [String: JSON] = [:]
        if let type { filter["type"] = .string(type) }
        if let resource { filter["resource"] = .string(resource) }
        var params: [String: JSON] = ["seq": .int(since), "limit": .int(Int64(limit))]
        if !filter.isEmpty { params["filter"] = .object(filter) }
        let result = try Fields(try await rpc.call("events_since", .object(params)), "events_since")
        let events = try result.array("events").map { e throws(DecodingFailure) in
            guard let event = Event(json: e) else { throw DecodingFailure("events_since: malformed event \(e)") }
            return event
        }
        // `next_seq` is the devnet's paging hint; without it, the seq after the last event.
        let next = try result.optionalInt("next_seq") ?? (events.last.map { $0.seq + 1 } ?? since)
        return (events, next)
    }

    /// Decodes a decimal amount string from a result of `method`.
    public static func amount(_ json: JSON, _ method: String) throws(DecodingFailure) -> Int128 {
        guard let s = json.stringValue, let v = try? Amount.parse(s) else {
            throw DecodingFailure("\(method): expected a decimal amount string, got \(json)")
        }
        return v
    }
}
