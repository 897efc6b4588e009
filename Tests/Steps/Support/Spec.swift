import Networks

/// SPEC's fixed numbers the journeys check against (never the node's answers): gas from
/// `SpecGas` (SPEC 3's table), fees and basis points of SPEC 5 and 6.
enum Spec {
    static let buyKeyGas: Int64 = SpecGas.gas(.creatorKeys, "buy_key") ?? 0
    static let sellKeyGas: Int64 = SpecGas.gas(.creatorKeys, "sell_key") ?? 0
    static let reserveCollateralGas: Int64 = SpecGas.gas(.assetManager, "reserve_collateral") ?? 0
    static let executeMintingGas: Int64 = SpecGas.gas(.assetManager, "execute_minting") ?? 0
    static let redeemGas: Int64 = SpecGas.gas(.assetManager, "redeem") ?? 0

    /// The fee of a call using `gas`, at SPEC 3's gas price.
    static func fee(_ gas: Int64) -> Int128 { Int128(gas) * SpecGas.gasPrice }

    /// SPEC 5: every underlying payment costs its sender 12 drops.
    static let underlyingFee: Int128 = 12
    /// SPEC 6 basis points.
    static let collateralReservationFeeBips: Int128 = 10
    static let redemptionFeeBips: Int128 = 10
    static let poolFeeShareBips: Int128 = 4_000
}
