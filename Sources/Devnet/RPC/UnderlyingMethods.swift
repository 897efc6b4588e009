import Networks

/// The underlying chain's methods (SPEC 5; docs/API.md).
enum UnderlyingMethods {
    static let address = ParamSpec("address", .address(.underlying))
    static let signed = [ParamSpec("envelope", .object), ParamSpec("signature", .string)]
    static let refusals = [RPCErrorCode.invalidParams] + Array(RPCErrorCode.badSignature...RPCErrorCode.insufficientFunds) + [RPCErrorCode.wrongChainID]

    static let all: [RPCMethod] = [
        RPCMethod(name: "und_getBalance", summary: "UND balance of an underlying address in drops.",
            params: [address], result: "amount", errors: [RPCErrorCode.invalidParams]) { node, p throws(RPCError) in
            let a = try p.string("address")
            return node.withLedger { Amount.wire($0.underlying.balance(a)) }
        },
        RPCMethod(name: "und_getSequence", summary: "The next sequence an underlying address must use.",
            params: [address], result: "integer", errors: [RPCErrorCode.invalidParams]) { node, p throws(RPCError) in
            let a = try p.string("address")
            return node.withLedger { .int($0.underlying.sequences[a] ?? 0) }
        },
        RPCMethod(name: "und_sendPayment", summary: "Includes a signed payment (fee 12 drops); FAILED with DepositBlocked into a blocked account.",
            params: signed, result: "underlying transaction", errors: refusals) { node, p throws(RPCError) in
            let check = SignatureCheck(p)
            return try node.withLedger { ledger throws(RPCError) in try ledger.submitUnderlying(p, body: "payment", check: check) }.json
        },
        RPCMethod(name: "und_setDepositBlocked", summary: "Blocks or unblocks deposits into the signer's account (fee 12 drops).",
            params: signed, result: "underlying transaction", errors: refusals) { node, p throws(RPCError) in
            let check = SignatureCheck(p)
            return try node.withLedger { ledger throws(RPCError) in try ledger.submitUnderlying(p, body: "settings", check: check) }.json
        },
        RPCMethod(name: "und_getTransaction", summary: "An included underlying transaction by hash.",
            params: [ParamSpec("hash", .string)], result: "underlying transaction", errors: [RPCErrorCode.unknownTransaction]) {
            node, p throws(RPCError) in
            let hash = try p.string("hash")
            return try node.withLedger { ledger throws(RPCError) in
                guard let tx = ledger.underlying.transactions[hash] else {
                    throw RPCError(code: RPCErrorCode.unknownTransaction,
                        message: "unknown underlying transaction \(hash)" + ledger.underlying.transactions.droppedNote("--retain-transactions"))
                }
                return tx.json
            }
        },
        RPCMethod(name: "und_getPaymentProof", summary: "The attestor-signed proof of a successful payment.",
            params: [ParamSpec("hash", .string)], result: "payment proof",
            errors: [RPCErrorCode.unknownTransaction, RPCErrorCode.noPaymentProof]) { node, p throws(RPCError) in
            let hash = try p.string("hash")
            var proof = try node.withLedger { ledger throws(RPCError) in try ledger.paymentProofFields(hash) }
            // Signed outside the ledger's lock: Ed25519 is the costly part of a proof.
            proof["signature"] = .string(node.attestorKey.sign(JSON.object(proof).canonicalBytes))
            return .object(proof)
        },
    ]
}
