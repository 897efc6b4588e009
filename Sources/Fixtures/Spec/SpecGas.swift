/// SPEC 3's gas: a fixed amount per call, paid at a fixed price, reverted calls included.
///
/// The numbers are written here, from SPEC, so that a suite checks a node's receipts against
/// them instead of trusting them:
///
/// ```swift
/// let receipt = try await buyer.send(call)
/// try SpecCharges.check(receipt, for: SpecCall(.creatorKeys, "buy_key"))   // gas_used and fee
/// let spent = SpecGas.fee(for: SpecCall(.creatorKeys, "buy_key"))          // 3_000_000_000_000_000 wei
/// ```
public enum SpecGas {
    /// `gas_price` in wei per gas (SPEC 3).
    public static let gasPrice: Int128 = 25_000_000_000

    /// The admin setters of a creator-keys instance (SPEC 3: 40_000 each).
    public static let creatorKeysAdminSetters = [
        "set_key_price", "set_fee_config", "set_curve", "pause", "unpause", "set_test_timestamp", "withdraw_treasury",
    ]

    /// The schedule admin calls of SPEC 7 (40_000 each): tags, and agents created for a test.
    public static let scheduleAdminCalls = [SpecCall(.scheduler, "create_tag"), SpecCall(.scheduler, "update_tag"),
        SpecCall(.assetManager, "create_agent")]

    /// Every call SPEC 3 prices, with its gas.
    public static let table: [SpecCall: Int64] = {
        var table: [SpecCall: Int64] = [
            SpecCall(.native, "transfer"): 21_000,
            SpecCall(.deployer, "deploy"): 500_000,
            SpecCall(.creatorKeys, "register_creator"): 80_000,
            SpecCall(.creatorKeys, "buy_key"): 120_000,
            SpecCall(.creatorKeys, "sell_key"): 110_000,
            SpecCall(.assetManager, "reserve_collateral"): 150_000,
            SpecCall(.assetManager, "execute_minting"): 200_000,
            SpecCall(.assetManager, "redeem"): 180_000,
            SpecCall(.assetManager, "redemption_payment_default"): 160_000,
            SpecCall(.collateralPool, "enter"): 120_000,
            SpecCall(.collateralPool, "exit"): 130_000,
            SpecCall(.collateralPool, "withdraw_fees"): 90_000,
            SpecCall(.collateralPool, "transfer"): 60_000,
        ]
        for setter in creatorKeysAdminSetters { table[SpecCall(.creatorKeys, setter)] = 40_000 }
        for call in scheduleAdminCalls { table[call] = 40_000 }
        return table
    }()

    /// The gas SPEC fixes for `call`, or nil when SPEC prices no such call (e.g. `fund.transfer`).
    public static func gas(for call: SpecCall) -> Int64? { table[call] }

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
    public var description: String { "SPEC 3 fixes no gas for \(call); expected one of \(SpecGas.table.keys.map(\.description).sorted())" }
}
