/// A contract call: `{"contract", "method", "args"}` (SPEC 1).
public struct Call: Sendable, Hashable {
    public var contract: String
    public var method: String
    public var args: [String: JSON]

    public init(contract: String, method: String, args: [String: JSON] = [:]) {
        self.contract = contract
        self.method = method
        self.args = args
    }

    public var json: JSON {
        .object(["contract": .string(contract), "method": .string(method), "args": .object(args)])
    }
}

/// The unsigned native transaction envelope `{"chain_id","from","nonce","call"}`.
public struct NativeEnvelope: Sendable, Hashable {
    public var chainID: String
    public var from: String
    public var nonce: Int64
    public var call: Call

    public init(chainID: String, from: String, nonce: Int64, call: Call) {
        self.chainID = chainID
        self.from = from
        self.nonce = nonce
        self.call = call
    }

    public var json: JSON {
        .object(["chain_id": .string(chainID), "from": .string(from), "nonce": .int(nonce), "call": call.json])
    }
}

/// A signed write as sent to the node: `{"envelope": {...}, "signature": "<128 hex>"}`.
public struct SignedTransaction: Sendable, Hashable {
    public var envelope: JSON
    public var signature: String

    public init(envelope: JSON, signature: String) {
        self.envelope = envelope
        self.signature = signature
    }

    public var json: JSON { .object(["envelope": envelope, "signature": .string(signature)]) }

    /// The transaction id: SHA-256 hex of the canonical envelope.
    public var hash: String { Digest.sha256Hex(envelope.canonicalBytes) }
}
