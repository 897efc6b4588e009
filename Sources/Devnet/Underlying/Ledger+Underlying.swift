import Networks

/// Inclusion of signed underlying transactions and payment proofs (SPEC 5).
///
/// Envelope: `{"chain_id","from","sequence","payment": {to, amount, reference?}}` for
/// payments, `{"chain_id","from","sequence","settings": {"deposit_blocked"}}` for settings.
extension Ledger {
    static let paymentSpecs = [
        ParamSpec("to", .address(.underlying)), ParamSpec("amount", .amount), ParamSpec("reference", .string, required: false),
    ]

    func submitUnderlying(_ params: Params, body key: String) throws(RPCError) -> UnderlyingTransaction {
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

        guard chainID == genesis.underlyingChainID else {
            throw refused(RPCErrorCode.wrongChainID, "wrong chain id \"\(chainID)\"; the underlying chain is \"\(genesis.underlyingChainID)\"")
        }
        guard let expected = u.sequences[from] else {
            throw refused(RPCErrorCode.unknownSender, "unknown sender \(from): the account has never been funded")
        }
        let message = envelopeJSON.canonicalBytes
        guard Hex.isHex(signature, count: 128), Signature.isValid(signature, of: message, by: from) else {
            throw refused(RPCErrorCode.badSignature, "bad signature: not made by \(from) over the canonical envelope")
        }
        guard sequence == expected else {
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
        guard u.balance(from) >= fee + amount else {
            throw refused(RPCErrorCode.insufficientFunds,
                "insufficient funds: \(from) has \(u.balance(from)) drops, needs \(fee) for the fee" + (amount > 0 ? " + \(amount)" : ""))
        }
        return try includeUnderlying(hash: Digest.sha256Hex(message), from: from, sequence: sequence, key: key, body: body)
    }

    private func includeUnderlying(hash: String, from: String, sequence: Int64, key: String, body: Params) throws(RPCError)
        -> UnderlyingTransaction
    {
        let u = underlying
        let now = clock()
        u.ledgerIndex += 1
        u.sequences[from, default: 0] += 1
        u.balances[from, default: 0] -= UnderlyingLedger.transactionFee
        var tx: UnderlyingTransaction
        if key == "payment" {
            let to = try body.string("to")
            let amount = try body.amount("amount")
            let blocked = u.depositBlocked.contains(to)
            tx = UnderlyingTransaction(hash: hash, from: from, sequence: sequence, ledgerIndex: u.ledgerIndex, timestamp: now,
                fee: UnderlyingLedger.transactionFee, status: blocked ? .failed : .success, error: blocked ? "DepositBlocked" : nil)
            tx.to = to
            tx.amount = amount
            tx.reference = try body.optionalString("reference")
            if !blocked {
                u.balances[from, default: 0] -= amount
                u.credit(to, amount)
            }
        } else {
            let blocked = try body.bool("deposit_blocked")
            if blocked { u.depositBlocked.insert(from) } else { u.depositBlocked.remove(from) }
            tx = UnderlyingTransaction(hash: hash, from: from, sequence: sequence, ledgerIndex: u.ledgerIndex, timestamp: now,
                fee: UnderlyingLedger.transactionFee, status: .success, error: nil)
            tx.depositBlocked = blocked
        }
        u.transactions[hash] = tx
        events.stage(type: key == "payment" ? "UnderlyingPayment" : "UnderlyingSettings", resource: from, timestamp: now, data: tx.json)
        events.commit()
        return tx
    }

    /// The attestation of a successful payment, signed by the devnet attestor key.
    func paymentProof(_ hash: String, attestor: KeyPair) throws(RPCError) -> JSON {
        guard let tx = underlying.transactions[hash], let to = tx.to, let amount = tx.amount else {
            throw RPCError(code: RPCErrorCode.unknownTransaction, message: "unknown underlying payment \(hash)")
        }
        guard tx.status == .success else {
            throw RPCError(code: RPCErrorCode.noPaymentProof, message: "no proof for \(hash): the payment failed (\(tx.error ?? "FAILED"))")
        }
        var proof: [String: JSON] = [
            "tx_hash": .string(hash), "from": .string(tx.from), "to": .string(to), "amount": Amount.wire(amount),
            "reference": tx.reference.map { .string($0) } ?? .null, "timestamp": .int(tx.timestamp),
        ]
        proof["signature"] = .string(attestor.sign(JSON.object(proof).canonicalBytes))
        return .object(proof)
    }
}
