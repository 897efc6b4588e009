import Networks

/// SPEC's fixed numbers the journeys check against (never the node's answers).
enum Spec {
    /// SPEC 3: wei per gas, and the gas of each call the journeys make.
    static let gasPrice: Int128 = 25_000_000_000
    static let buyKeyGas: Int64 = 120_000
    static let sellKeyGas: Int64 = 110_000
    static let reserveCollateralGas: Int64 = 150_000
    static let executeMintingGas: Int64 = 200_000
    static let redeemGas: Int64 = 180_000

    /// The fee of a call using `gas`.
    static func fee(_ gas: Int64) -> Int128 { Int128(gas) * gasPrice }

    /// SPEC 5: every underlying payment costs its sender 12 drops.
    static let underlyingFee: Int128 = 12
    /// SPEC 6 basis points.
    static let collateralReservationFeeBips: Int128 = 10
    static let redemptionFeeBips: Int128 = 10
    static let poolFeeShareBips: Int128 = 4_000
}
