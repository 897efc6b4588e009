import Networks

/// What the checks of a signed write need that does not depend on the ledger: the canonical
/// envelope (the signed bytes), its hash (the transaction id) and whether the signature is
/// well formed and made by the envelope's `from`. Computed before the ledger's lock is taken,
/// so Ed25519 and the canonical encoding run in parallel across requests; the ledger still
/// applies the checks in SPEC's order under the lock, with the same errors.
struct SignatureCheck: Sendable {
    let message: [UInt8]
    let hash: String
    /// 128 lowercase hex characters.
    let isWellFormed: Bool
    /// Well formed and made by `from` over `message`.
    let isValid: Bool

    init(envelope: JSON, signature: String, from: String) {
        message = envelope.canonicalBytes
        hash = Digest.sha256Hex(message)
        isWellFormed = Hex.isHex(signature, count: 128)
        isValid = isWellFormed && Signature.isValid(signature, of: message, by: from)
    }

    /// The check of a signed write's params, or nil when they do not have its shape (the
    /// ledger then reports what is wrong, as it always did).
    init?(_ params: Params) {
        guard case .object(let envelope)? = params.values["envelope"], case .string(let signature)? = params.values["signature"],
            case .string(let from)? = envelope["from"]
        else { return nil }
        self.init(envelope: .object(envelope), signature: signature, from: from)
    }
}
