public import Networks

/// SPEC 6's and 7's arithmetic on the bridged asset, from the settings a node reports
/// (`get_settings`; SPEC 6's table gives the genesis defaults). Every division floors, as
/// SPEC says, and products are taken in 256 bits so no amount a node accepts can overflow.
public enum SpecAsset {
    /// `floor(lots·lot_size·wei_per_uba·collateral_reservation_fee_bips / 10_000)` NAT.
    public static func reservationFee(lots: Int64, _ s: AssetSettingsInfo) -> Int128 {
        floorShare(Int128(lots) * s.lotSize * s.weiPerUBA, bips: Int128(s.collateralReservationFeeBips))
    }

    /// `value_uba = lots·lot_size`.
    public static func valueUBA(lots: Int64, _ s: AssetSettingsInfo) -> Int128 { Int128(lots) * s.lotSize }

    /// The agent's minting fee: `floor(value_uba·agent_fee_bips / 10_000)` UND.
    public static func mintingFeeUBA(valueUBA: Int128, agentFeeBips: Int64) -> Int128 {
        floorShare(valueUBA, bips: Int128(agentFeeBips))
    }

    /// The pool's share of a minting fee: `floor(fee_uba·pool_fee_share_bips / 10_000)` FUND.
    public static func poolFeeUBA(feeUBA: Int128, _ s: AssetSettingsInfo) -> Int128 {
        floorShare(feeUBA, bips: Int128(s.poolFeeShareBips))
    }

    /// A redemption request's fee: `floor(value_uba·redemption_fee_bips / 10_000)`.
    public static func redemptionFeeUBA(valueUBA: Int128, _ s: AssetSettingsInfo) -> Int128 {
        floorShare(valueUBA, bips: Int128(s.redemptionFeeBips))
    }

    /// What the agent's bot pays the redeemer: `value_uba − fee_uba`.
    public static func payUBA(valueUBA: Int128, _ s: AssetSettingsInfo) -> Int128 {
        valueUBA - redemptionFeeUBA(valueUBA: valueUBA, s)
    }

    /// A default's payment: `floor(value_uba·wei_per_uba·(10_000 + premium_bips) / 10_000)` NAT.
    public static func defaultPayment(valueUBA: Int128, _ s: AssetSettingsInfo) -> Int128 {
        floorShare(valueUBA * s.weiPerUBA, bips: 10_000 + Int128(s.redemptionDefaultPremiumBips))
    }

    /// Pool tokens an `enter` of `amount` NAT mints: `amount` into an empty pool, else
    /// `floor(total_supply·amount / total_collateral)`.
    public static func enterTokens(amount: Int128, totalCollateral: Int128, totalSupply: Int128) -> Int128 {
        guard totalSupply > 0 else { return amount }
        return Amount.mulDiv(totalSupply, amount, totalCollateral) ?? 0
    }

    /// NAT an `exit` of `tokens` pays: `floor(total_collateral·tokens / total_supply)`.
    public static func exitPayment(tokens: Int128, totalCollateral: Int128, totalSupply: Int128) -> Int128 {
        Amount.mulDiv(totalCollateral, tokens, totalSupply) ?? 0
    }

    /// The collateral a pool must keep: the exit ratio of the NAT value its agent backs,
    /// `backed_lots·lot_size·wei_per_uba·pool_exit_collateral_ratio_bips / 10_000`, floored.
    public static func exitFloor(backedLots: Int64, _ s: AssetSettingsInfo) -> Int128 {
        floorShare(Int128(backedLots) * s.lotSize * s.weiPerUBA, bips: Int128(s.poolExitCollateralRatioBips))
    }

    /// A holder's share of a pool fee: `floor(pool_fee·tokens / total_supply)`.
    public static func holderFee(poolFeeUBA: Int128, tokens: Int128, totalSupply: Int128) -> Int128 {
        Amount.mulDiv(poolFeeUBA, tokens, totalSupply) ?? 0
    }

    /// One `ACCRUE_POOL_REWARDS` job: `floor(total_collateral·2 / 10_000)` NAT (SPEC 7).
    public static func poolReward(totalCollateral: Int128) -> Int128 { floorShare(totalCollateral, bips: 2) }

    /// `floor(amount·bips / 10_000)` in 256 bits.
    public static func floorShare(_ amount: Int128, bips: Int128) -> Int128 { Amount.mulDiv(amount, bips, 10_000) ?? 0 }
}
