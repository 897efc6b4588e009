public import Networks

/// A receipt, or a balance, that differs from what SPEC's arithmetic says: which field, what
/// SPEC expects, what the node reported.
public struct ChargeMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let field: String
    public let expected: String
    public let actual: String

    public init(call: String, field: String, expected: String, actual: String) {
        self.call = call
        self.field = field
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(call): \(field) is \(actual), SPEC expects \(expected)" }
}

/// Checks what a node charged against SPEC 3: `gas_used` from the gas table and
/// `fee = gas_used × gas_price`, for successful and reverted receipts alike.
public enum SpecCharges {
    /// Every way `receipt` differs from SPEC for `call` (empty when it agrees).
    public static func mismatches(_ receipt: Receipt, for call: SpecCall) -> [ChargeMismatch] {
        var found: [ChargeMismatch] = []
        guard let gas = SpecGas.gas(for: call) else {
            return [ChargeMismatch(call: call.description, field: "gas_used", expected: "a call SPEC 3 prices",
                actual: "\(receipt.gasUsed) for an unpriced call")]
        }
        if receipt.gasUsed != gas {
            found.append(ChargeMismatch(call: call.description, field: "gas_used", expected: "\(gas)", actual: "\(receipt.gasUsed)"))
        }
        let fee = SpecGas.fee(gas: gas)
        if receipt.fee != fee {
            found.append(ChargeMismatch(call: call.description, field: "fee", expected: "\(fee)", actual: "\(receipt.fee)"))
        }
        return found
    }

    /// Throws the first mismatch of `receipt` against SPEC for `call`, and returns the fee
    /// SPEC charges: the amount a test may then subtract from the sender's expected balance.
    @discardableResult
    public static func check(_ receipt: Receipt, for call: SpecCall) throws(ChargeMismatch) -> Int128 {
        if let first = mismatches(receipt, for: call).first { throw first }
        return SpecGas.fee(gas: SpecGas.gas(for: call) ?? 0)
    }
}
