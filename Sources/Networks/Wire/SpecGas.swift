/// SPEC 3's fixed gas per call, restated on the harness side so that an expectation never
/// takes its gas from the node under test.
///
/// ```swift
/// SpecGas.gas(.pool, "exit")  // 130_000
/// ```
public enum SpecGas {
    /// The kinds of contract SPEC 3's table names.
    public enum ContractKind: String, Sendable, Hashable, CaseIterable {
        case native, deployer, assetManager = "asset_manager", pool, scheduler, fund
        case creatorKeys = "creator_keys"
    }

    /// SPEC 3's `gas_price` of the reference devnet, in wei; a deployment reports its own in
    /// `devnet_info.gas_price` (SPEC 9).
    public static let gasPrice: Int128 = 25_000_000_000

    /// The gas SPEC fixes for `method` of a `kind` contract, or nil where SPEC names none
    /// (for example FUND's `transfer`, whose gas a deployment chooses).
    public static func gas(_ kind: ContractKind, _ method: String) -> Int64? {
        switch (kind, method) {
        case (.native, "transfer"): 21_000
        case (.deployer, "deploy"): 500_000
        case (.creatorKeys, "register_creator"): 80_000
        case (.creatorKeys, "buy_key"): 120_000
        case (.creatorKeys, "sell_key"): 110_000
        case (.creatorKeys, "set_key_price"), (.creatorKeys, "set_fee_config"), (.creatorKeys, "set_curve"),
            (.creatorKeys, "pause"), (.creatorKeys, "unpause"), (.creatorKeys, "set_test_timestamp"),
            (.creatorKeys, "withdraw_treasury"):
            40_000
        case (.assetManager, "reserve_collateral"): 150_000
        case (.assetManager, "execute_minting"): 200_000
        case (.assetManager, "redeem"): 180_000
        case (.assetManager, "redemption_payment_default"): 160_000
        // SPEC 7's admin calls (tags, and the agent whose schedules they control) cost what SPEC 3's
        // "schedule admin calls" row says.
        case (.assetManager, "create_agent"), (.scheduler, "create_tag"), (.scheduler, "update_tag"): 40_000
        case (.pool, "enter"): 120_000
        case (.pool, "exit"): 130_000
        case (.pool, "withdraw_fees"): 90_000
        case (.pool, "transfer"): 60_000
        default: nil
        }
    }

    /// `gas · gasPrice`, SPEC 3's fee, or nil where SPEC names no gas for the call.
    public static func fee(_ kind: ContractKind, _ method: String, gasPrice: Int128 = gasPrice) -> Int128? {
        gas(kind, method).map { Int128($0) * gasPrice }
    }
}
