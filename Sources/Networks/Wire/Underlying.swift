/// An included underlying transaction (SPEC 5): a payment or a settings change.
public struct UnderlyingTransaction: Sendable, Hashable {
    public enum Status: String, Sendable { case success = "SUCCESS", failed = "FAILED" }

    public var hash: String
    public var from: String?
    public var sequence: Int64?
    /// The fee as reported, else SPEC 5's 12 drops (the devnet reports it; SPEC fixes it).
    public var fee: Int128
    public var status: Status
    /// `DepositBlocked` when a payment's destination blocks deposits.
    public var error: String?
    public var to: String?
    public var amount: Int128?
    public var reference: String?
    /// When it was included (SPEC 1: seconds since 1970), when the node says.
    public var timestamp: Int64?

    /// - Parameter hash: the transaction id the sender computed (SPEC 1), for a node that does
    ///   not repeat it in the result.
    public init(json: JSON, hash: String? = nil) throws(DecodingFailure) {
        let f = try Fields(json, "underlying transaction")
        if let reported = try f.optionalString("hash") {
            self.hash = reported
        } else if let hash {
            self.hash = hash
        } else {
            throw DecodingFailure("underlying transaction.hash: missing")
        }
        from = try f.optionalString("from")
        sequence = try f.optionalInt("sequence")
        fee = try f.optionalAmount("fee") ?? UnderlyingChain.transactionFee
        let statusText = try f.string("status")
        guard let status = Status(rawValue: statusText) else {
            throw DecodingFailure("underlying transaction.status: unknown \"\(statusText)\"")
        }
        self.status = status
        error = json["error"]?.stringValue
        to = json["to"]?.stringValue
        amount = json["amount"] == nil ? nil : try f.amount("amount")
        reference = json["reference"]?.stringValue
        timestamp = try f.optionalInt("timestamp")
    }
}

/// A devnet attestation that a payment is final: what `execute_minting` takes (SPEC 5, 6).
public struct PaymentProof: Sendable, Hashable {
    /// The proof exactly as the node sent it, signature included.
    public var json: JSON

    public init(json: JSON) { self.json = json }

    /// True when the proof is signed by `attestor` over its canonical body.
    public func isSigned(by attestor: String) -> Bool {
        guard case .object(var body) = json, case .string(let signature)? = body.removeValue(forKey: "signature") else { return false }
        return Signature.isValid(signature, of: JSON.object(body).canonicalBytes, by: attestor)
    }
}
