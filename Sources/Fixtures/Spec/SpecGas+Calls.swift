public import Networks

/// SPEC 3's gas table by `SpecCall`, for suites that check every receipt they get:
///
/// ```swift
/// let receipt = try await buyer.send(call)
/// try SpecCharges.check(receipt, for: SpecCall(.creatorKeys, "buy_key"))   // gas_used and fee
/// let spent = try SpecGas.fee(for: SpecCall(.creatorKeys, "buy_key"))      // 3_000_000_000_000_000 wei
/// ```
extension SpecGas {
    /// The admin setters of a creator-keys instance (SPEC 3: 40_000 each).
    public static let creatorKeysAdminSetters = [
        "set_key_price", "set_fee_config", "set_curve", "pause", "unpause", "set_test_timestamp", "withdraw_treasury",
    ]

    /// The gas SPEC fixes for `call`, or nil when SPEC prices no such call (e.g. `fund.transfer`).
    public static func gas(for call: SpecCall) -> Int64? { gas(call.kind, call.method) }

    /// `gas × gas_price` for `call`; throws when SPEC prices no such call.
    public static func fee(for call: SpecCall) throws(UnpricedCall) -> Int128 {
        guard let gas = gas(for: call) else { throw UnpricedCall(call: call) }
        return fee(gas: gas)
    }

    /// `gas × gas_price`.
    public static func fee(gas: Int64) -> Int128 { Int128(gas) * gasPrice }
}

/// A call SPEC 3's gas table does not price, so no fee can be expected for it.
public struct UnpricedCall: Error, Sendable, CustomStringConvertible {
    public let call: SpecCall
    public var description: String { "SPEC 3 fixes no gas for \(call)" }
}
