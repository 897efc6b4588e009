import Networks

/// Inclusion of signed underlying transactions and payment proofs (SPEC 5).
///
/// Envelope: `{"chain_id","from","sequence","payment": {to, amount, reference?}}` for
/// payments, `{"chain_id","from","sequence","settings": {"deposit_blocked"}}` for settings.
extension Ledger {
    static let paymentSpecs = [
        ParamSpec("to", .address(.underlying)), ParamSpec("amount", .amount), ParamSpec("reference", .string, required: false),
    ]

    /// `check` is the signature's check made before the lock (`SignatureCheck`); without it
    /// the ledger makes it here.
    func submitUnderlying(_ params: Params, body key: String, check precomputed: SignatureCheck? = nil) throws(RPCError) -> UnderlyingTransaction {
        let envelopeJSON = try params.object("envelope") ?? .object([:])
        let specs = [
            ParamSpec("chain_id", .string), ParamSpec("from", .address(.underlying)),
            ParamSpec("sequence", .integer), ParamSpec(key, .object),
        ]
        let envelope = try Params(envelopeJSON, specs: specs, path: "params.envelope")
        let signature = try params.string("signature")
        let chainID = try envelope.string("chain_id")
        let from = try envelope.string("from")
        let sequence = try envelope.int("sequence")
        let u = underlying

        guard chainID == genesis.underlyingChainID || !enforces(.undWrongChainID) else {
            throw refused(RPCErrorCode.wrongChainID, "wrong chain id \"\(chainID)\"; the underlying chain is \"\(genesis.underlyingChainID)\"")
        }
        guard let expected = u.sequences[from] ?? (enforces(.undUnknownSender) ? nil : 0) else {
            throw refused(RPCErrorCode.unknownSender, "unknown sender \(from): the account has never been funded")
        }
        let check = precomputed ?? SignatureCheck(envelope: envelopeJSON, signature: signature, from: from)
        guard !enforces(.undBadSignature) || check.isValid else {
            throw refused(RPCErrorCode.badSignature, "bad signature: not made by \(from) over the canonical envelope")
        }
        guard sequence == expected || !enforces(sequence < expected ? .undReplayedSequence : .undSequenceGap) else {
            let kind = sequence < expected ? "replayed" : "gap in"
            throw refused(RPCErrorCode.wrongNonce, "\(kind) sequence: got \(sequence), the account's next sequence is \(expected)",
                ["expected": .int(expected), "got": .int(sequence)])
        }
        let body = try Params(try envelope.object(key), specs: key == "payment" ? Self.paymentSpecs : [ParamSpec("deposit_blocked", .boolean)],
            path: "params.envelope.\(key)")
        var amount: Int128 = 0
        if key == "payment" {
            amount = try body.amount("amount")
            guard amount > 0 else { throw invalidParams("params.envelope.payment.amount: must be greater than 0") }
            if let reference = try body.optionalString("reference"), !Hex.isHex(reference, count: 64) {
                throw invalidParams("params.envelope.payment.reference: expected 64 lowercase hex characters")
            }
        }
        let fee = UnderlyingLedger.transactionFee
        func insufficient() -> RPCError {
            refused(RPCErrorCode.insufficientFunds,
                "insufficient funds: \(from) has \(u.balance(from)) drops, needs \(fee) for the fee" + (amount > 0 ? " + \(amount)" : ""))
        }
        // An amount so large that fee + amount overflows cannot be covered either.
        let needed = try fee.adding(amount, or: insufficient())
        // Skipping the funds rule (a planted bug) may leave a balance negative, never out of range.
        guard u.balance(from) >= needed || (!enforces(.undInsufficientFunds) && !u.balance(from).subtractingReportingOverflow(needed).overflow)
        else { throw insufficient() }
        guard expected < Int64.max, u.ledgerIndex < Int64.max else {
            throw refused(RPCErrorCode.wrongNonce, "the account's sequence or the ledger index is exhausted")
        }
        if key == "payment" {
            // Unreachable under the UND issuance bound; checked so a broken bound refuses instead of trapping.
            let to = try body.string("to")
            guard to == from || u.canCredit(to, amount) else {
                throw invalidParams("params.envelope.payment.amount: the recipient's balance would overflow a 128-bit amount")
            }
        }
        return try includeUnderlying(hash: check.hash, from: from, sequence: sequence, key: key, body: body)
    }

    private func includeUnderlying(hash: String, from: String, sequence: Int64, key: String, body: Params) throws(RPCError)
        -> UnderlyingTransaction
    {
        if key == "payment" {
            let tx = applyPayment(hash: hash, from: from, sequence: sequence, to: try body.string("to"),
                amount: try body.amount("amount"), reference: try body.optionalString("reference"))
            events.commit()
            return tx
        }
        let u = underlying
        let blocked = try body.bool("deposit_blocked")
        u.ledgerIndex += 1
        u.sequences[from, default: 0] += 1
        u.balances[from, default: 0] -= UnderlyingLedger.transactionFee
        if blocked { u.depositBlocked.insert(from) } else { u.depositBlocked.remove(from) }
        var tx = UnderlyingTransaction(hash: hash, from: from, sequence: sequence, ledgerIndex: u.ledgerIndex, timestamp: clock(),
            fee: UnderlyingLedger.transactionFee, status: .success, error: nil)
        tx.depositBlocked = blocked
        for old in u.transactions.insert(tx, for: hash) { u.droppedFees += old.fee }
        events.stage(type: "UnderlyingSettings", resource: from, timestamp: tx.timestamp, data: tx.json)
        events.commit()
        return tx
    }

    /// Includes a payment whose sender was checked to cover amount and fee: the fee is paid
    /// either way, the amount moves unless the recipient blocks deposits. Its event is staged.
    func applyPayment(hash: String, from: String, sequence: Int64, to: String, amount: Int128, reference: String?) -> UnderlyingTransaction {
        let u = underlying
        u.ledgerIndex += 1
        u.sequences[from, default: 0] += 1
        u.balances[from, default: 0] -= UnderlyingLedger.transactionFee
        let blocked = u.depositBlocked.contains(to) && enforces(.undDepositBlocked)
        var tx = UnderlyingTransaction(hash: hash, from: from, sequence: sequence, ledgerIndex: u.ledgerIndex, timestamp: clock(),
            fee: UnderlyingLedger.transactionFee, status: blocked ? .failed : .success, error: blocked ? "DepositBlocked" : nil)
        tx.to = to
        tx.amount = amount
        tx.reference = reference
        if !blocked {
            u.balances[from, default: 0] -= amount
            u.credit(to, amount)
        }
        for old in u.transactions.insert(tx, for: hash) { u.droppedFees += old.fee }
        events.stage(type: "UnderlyingPayment", resource: from, timestamp: tx.timestamp, data: tx.json)
        return tx
    }

    /// A payment by an agent's bot (SPEC 6): an ordinary underlying transaction from the
    /// agent's payment address, hashed like a signed one. The caller checked the balance.
    func botPayment(agent: Agent, to: String, amount: Int128, reference: String) -> UnderlyingTransaction {
        let from = agent.paymentAddress
        let sequence = underlying.sequences[from] ?? 0
        let envelope: JSON = [
            "chain_id": .string(genesis.underlyingChainID), "from": .string(from), "sequence": .int(sequence),
            "payment": ["to": .string(to), "amount": Amount.wire(amount), "reference": .string(reference)],
        ]
        return applyPayment(hash: Digest.sha256Hex(envelope.canonicalBytes), from: from, sequence: sequence, to: to,
            amount: amount, reference: reference)
    }

    /// What a proof of the successful payment `hash` attests, unsigned: the caller signs it
    /// with the attestor key once the ledger's lock is released.
    func paymentProofFields(_ hash: String) throws(RPCError) -> [String: JSON] {
        guard let tx = underlying.transactions[hash], let to = tx.to, let amount = tx.amount else {
            throw RPCError(code: RPCErrorCode.unknownTransaction,
                message: "unknown underlying payment \(hash)" + underlying.transactions.droppedNote("--retain-transactions"))
        }
        guard tx.status == .success else {
            throw RPCError(code: RPCErrorCode.noPaymentProof, message: "no proof for \(hash): the payment failed (\(tx.error ?? "FAILED"))")
        }
        return [
            "tx_hash": .string(hash), "from": .string(tx.from), "to": .string(to), "amount": Amount.wire(amount),
            "reference": tx.reference.map { .string($0) } ?? .null, "timestamp": .int(tx.timestamp),
        ]
    }
}
