/// Typed calls of the underlying chain (SPEC 5).
public struct UnderlyingChain: Sendable {
    /// What every underlying transaction costs its sender, in drops (SPEC 5).
    public static let transactionFee: Int128 = 12

    public let rpc: RPCClient

    public init(rpc: RPCClient) { self.rpc = rpc }

    /// UND balance in drops.
    public func balance(of address: String) async throws -> Int128 {
        try NativeChain.amount(try await rpc.call("und_getBalance", ["address": .string(address)]), "und_getBalance")
    }

    public func sequence(of address: String) async throws -> Int64 {
        let result = try await rpc.call("und_getSequence", ["address": .string(address)])
        guard let sequence = result.intValue else { throw DecodingFailure("und_getSequence: expected an integer, got \(result)") }
        return sequence
    }

    public func transaction(_ hash: String) async throws -> UnderlyingTransaction {
        try UnderlyingTransaction(json: try await rpc.call("und_getTransaction", ["hash": .string(hash)]))
    }

    /// The transaction `hash`, or nil when the node has included no such transaction.
    public func transactionIfIncluded(_ hash: String) async throws -> UnderlyingTransaction? {
        do { return try await transaction(hash) } catch let error as RPCError where error.isUnknownTransaction { return nil }
    }

    public func paymentProof(_ hash: String) async throws -> PaymentProof {
        PaymentProof(json: try await rpc.call("und_getPaymentProof", ["hash": .string(hash)]))
    }
}

/// An underlying account that signs its own transactions in sequence order.
/// Every included transaction's fee (12 drops) is added to `feesPaid`, failed ones too.
/// A transaction whose answer is lost is looked up by its hash before it is sent again (the
/// same signed bytes), so it is never paid twice.
public actor UnderlyingAccount {
    public nonisolated let key: KeyPair
    public nonisolated let chain: UnderlyingChain
    public nonisolated let chainID: String
    public nonisolated var address: String { key.underlyingAddress }

    private static let specFee = UnderlyingChain.transactionFee
    private var nextSequence: Int64?
    private var lock = SerialLock()
    public private(set) var feesPaid: Int128 = 0

    public init(key: KeyPair, chain: UnderlyingChain, chainID: String) {
        self.key = key
        self.chain = chain
        self.chainID = chainID
    }

    /// Pays `amount` drops to `to`. The result says `FAILED` when `to` blocks deposits.
    public func pay(_ amount: Int128, to: String, reference: String? = nil) async throws -> UnderlyingTransaction {
        var payment: [String: JSON] = ["to": .string(to), "amount": Amount.wire(amount)]
        if let reference { payment["reference"] = .string(reference) }
        return try await submit("und_sendPayment", body: ("payment", .object(payment)))
    }

    /// Blocks or unblocks deposits into this account.
    public func setDepositBlocked(_ blocked: Bool) async throws -> UnderlyingTransaction {
        try await submit("und_setDepositBlocked", body: ("settings", ["deposit_blocked": .bool(blocked)]))
    }

    private func submit(_ method: String, body: (String, JSON)) async throws -> UnderlyingTransaction {
        await withCheckedContinuation { continuation in
            if !lock.enqueue(continuation) { continuation.resume() }
        }
        defer { lock.release() }
        let sequence: Int64
        if let known = nextSequence { sequence = known } else { sequence = try await chain.sequence(of: address) }
        let envelope: JSON = .object([
            "chain_id": .string(chainID), "from": .string(address), "sequence": .int(sequence), body.0: body.1,
        ])
        let signed = key.sign(envelope: envelope)
        let chain = self.chain
        do {
            let tx = try await LostWrite(rpc: chain.rpc,
                send: { try UnderlyingTransaction(json: try await chain.rpc.call(method, signed.json), hash: signed.hash) },
                lookup: { try await chain.transactionIfIncluded(signed.hash) }).run()
            nextSequence = sequence + 1
            feesPaid += Self.specFee  // SPEC 5 fixes it; the node's report is in `tx.fee`
            return tx
        } catch {
            nextSequence = nil  // ask the node next time
            throw error
        }
    }
}
