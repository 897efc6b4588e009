import Networks

/// The underlying chain (SPEC 5): an XRP-like payment ledger of UND in drops. Every
/// transaction costs its sender 12 drops; a payment into an account that blocks deposits
/// is included as `FAILED` with `DepositBlocked`, the fee still paid.
final class UnderlyingLedger {
    static let transactionFee = UnderlyingChain.transactionFee

    var balances: [String: Int128] = [:]
    var sequences: [String: Int64] = [:]
    var depositBlocked: Set<String> = []
    /// The newest transactions, by hash (the ledger sets the limit from its options).
    var transactions = Retained<UnderlyingTransaction>(limit: DevnetOptions.defaultRetainedTransactions)
    /// Fees of the transactions dropped by retention: the audit's UND sum still counts them.
    var droppedFees: Int128 = 0
    var ledgerIndex: Int64 = 0

    func balance(_ address: String) -> Int128 { balances[address] ?? 0 }

    /// Whether `amount` more drops fit in `address`'s balance (always, under the issuance
    /// bound; payments check it anyway before they change anything).
    func canCredit(_ address: String, _ amount: Int128) -> Bool {
        !balance(address).addingReportingOverflow(amount).overflow
    }

    /// Adds `amount` to an account, creating it. Callers have checked `canCredit`.
    func credit(_ address: String, _ amount: Int128) {
        balances[address, default: 0] += amount
        if sequences[address] == nil { sequences[address] = 0 }
    }
}

/// An included underlying transaction: a payment, or a change of the sender's settings.
struct UnderlyingTransaction {
    enum Status: String { case success = "SUCCESS", failed = "FAILED" }

    let hash: String
    let from: String
    let sequence: Int64
    let ledgerIndex: Int64
    let timestamp: Int64
    let fee: Int128
    let status: Status
    let error: String?
    /// For payments.
    var to: String? = nil
    var amount: Int128? = nil
    var reference: String? = nil
    /// For settings changes.
    var depositBlocked: Bool? = nil

    var json: JSON {
        var o: [String: JSON] = [
            "hash": .string(hash), "from": .string(from), "sequence": .int(sequence), "ledger_index": .int(ledgerIndex),
            "timestamp": .int(timestamp), "fee": Amount.wire(fee), "status": .string(status.rawValue),
            "type": .string(to == nil ? "settings" : "payment"),
        ]
        if let error { o["error"] = .string(error) }
        if let to { o["to"] = .string(to) }
        if let amount { o["amount"] = Amount.wire(amount) }
        if let reference { o["reference"] = .string(reference) }
        if let depositBlocked { o["deposit_blocked"] = .bool(depositBlocked) }
        return .object(o)
    }
}
