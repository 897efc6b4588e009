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
    /// `recordIntent`, when given, receives the signed payment's sequence and hash before a
    /// byte is sent: a caller that keeps it durably can finish the payment after a crash with
    /// `resume(_:amount:to:reference:)` instead of paying twice.
    public func pay(_ amount: Int128, to: String, reference: String? = nil,
                    recordIntent: (@Sendable (TransactionIntent) async throws -> Void)? = nil) async throws -> UnderlyingTransaction {
        try await submit("und_sendPayment", body: Self.payment(amount, to: to, reference: reference), beforeSending: recordIntent)
    }

    /// What became of a payment an earlier process signed and recorded.
    public enum ResumedPayment: Sendable {
        /// The node had included it before: its cost left in the earlier process's time.
        case includedEarlier(UnderlyingTransaction)
        /// Its sequence was still the account's next one: the same signed bytes were sent now.
        case sentNow(UnderlyingTransaction)
        /// Another transaction took its sequence: the payment never happened.
        case neverMade
    }

    /// Finishes a payment whose intent an earlier process recorded, so it is made at most once.
    public func resume(_ intent: TransactionIntent, amount: Int128, to: String, reference: String?) async throws -> ResumedPayment {
        if let included = try await chain.transactionIfIncluded(intent.hash) { return .includedEarlier(included) }
        await acquire()
        defer { lock.release() }
        let next = try await chain.sequence(of: address)
        guard next == intent.sequence else {
            nextSequence = next
            // Included between the two reads: a request still in flight when its sender died.
            if let included = try await chain.transactionIfIncluded(intent.hash) { return .includedEarlier(included) }
            return .neverMade
        }
        let signed = sign("und_sendPayment", body: Self.payment(amount, to: to, reference: reference), sequence: intent.sequence)
        guard signed.hash == intent.hash else {
            throw DecodingFailure("payment intent \(intent.hash) does not match the payment it records (it signs as \(signed.hash))")
        }
        return .sentNow(try await send("und_sendPayment", signed, sequence: intent.sequence))
    }

    /// Blocks or unblocks deposits into this account.
    public func setDepositBlocked(_ blocked: Bool) async throws -> UnderlyingTransaction {
        try await submit("und_setDepositBlocked", body: ("settings", ["deposit_blocked": .bool(blocked)]))
    }

    private static func payment(_ amount: Int128, to: String, reference: String?) -> (String, JSON) {
        var payment: [String: JSON] = ["to": .string(to), "amount": Amount.wire(amount)]
        if let reference { payment["reference"] = .string(reference) }
        return ("payment", .object(payment))
    }

    private func acquire() async {
        await withCheckedContinuation { continuation in
            if !lock.enqueue(continuation) { continuation.resume() }
        }
    }

    private func sign(_ method: String, body: (String, JSON), sequence: Int64) -> SignedTransaction {
        key.sign(envelope: .object([
            "chain_id": .string(chainID), "from": .string(address), "sequence": .int(sequence), body.0: body.1,
        ]))
    }

    private func submit(_ method: String, body: (String, JSON),
                        beforeSending: (@Sendable (TransactionIntent) async throws -> Void)? = nil) async throws -> UnderlyingTransaction {
        await acquire()
        defer { lock.release() }
        let sequence: Int64
        if let known = nextSequence { sequence = known } else { sequence = try await chain.sequence(of: address) }
        let signed = sign(method, body: body, sequence: sequence)
        if let beforeSending {
            do { try await beforeSending(TransactionIntent(sequence: sequence, hash: signed.hash)) } catch {
                nextSequence = nil
                throw error
            }
        }
        return try await send(method, signed, sequence: sequence)
    }

    /// Sends signed bytes, looking a lost answer up before sending the same bytes again.
    private func send(_ method: String, _ signed: SignedTransaction, sequence: Int64) async throws -> UnderlyingTransaction {
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
