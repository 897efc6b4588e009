/// `get_settings` of the asset manager (SPEC 6).
public struct AssetSettingsInfo: Sendable, Hashable {
    public var lotSize: Int128
    public var weiPerUBA: Int128
    public var collateralReservationFeeBips: Int64
    public var mintingPaymentWindow: Int64
    public var redemptionPaymentWindow: Int64
    public var redemptionFeeBips: Int64
    public var redemptionDefaultPremiumBips: Int64
    public var poolFeeShareBips: Int64
    public var poolTokenTimelock: Int64
    public var poolExitCollateralRatioBips: Int64
    public var poolMinimumEnter: Int128

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "get_settings")
        lotSize = try f.amount("lot_size")
        weiPerUBA = try f.amount("wei_per_uba")
        collateralReservationFeeBips = try f.int("collateral_reservation_fee_bips")
        mintingPaymentWindow = try f.int("minting_payment_window")
        redemptionPaymentWindow = try f.int("redemption_payment_window")
        redemptionFeeBips = try f.int("redemption_fee_bips")
        redemptionDefaultPremiumBips = try f.int("redemption_default_premium_bips")
        poolFeeShareBips = try f.int("pool_fee_share_bips")
        poolTokenTimelock = try f.int("pool_token_timelock")
        poolExitCollateralRatioBips = try f.int("pool_exit_collateral_ratio_bips")
        poolMinimumEnter = try f.amount("pool_minimum_enter")
    }

    /// The reservation fee for `lots`, in wei: `floor(lots·lot_size·wei_per_uba·bips / 10_000)`.
    public func reservationFee(lots: Int64) -> Int128 {
        Int128(lots) * lotSize * weiPerUBA * Int128(collateralReservationFeeBips) / 10_000
    }

    /// The minting fee in uba an agent charges for `lots`.
    public func mintingFee(lots: Int64, agentFeeBips: Int64) -> Int128 { Int128(lots) * lotSize * Int128(agentFeeBips) / 10_000 }

    /// The most tokens one may exit from `pool` while it keeps `marginPercent` % above its exit
    /// ratio: collateral left ≥ backed value × ratio × (100 + margin) / 100. The backed value is
    /// the node's `backed_value` (a devnet field), else SPEC 9's minted lots of `agent`
    /// (`executed_minting_lots − redeemed_lots`) priced at `wei_per_uba`, which leaves out lots
    /// being redeemed: then twice the margin applies. Zero when neither is known.
    public func exitableTokens(pool: PoolInfo, agent: AgentInfo? = nil, marginPercent: Int64) -> Int128 {
        let estimated = agent.map { Int128(max(0, $0.executedMintingLots - $0.redeemedLots)) * lotSize * weiPerUBA }
        guard let backedValue = pool.backedValue ?? estimated else { return 0 }
        let marginPercent = pool.backedValue == nil ? marginPercent * 2 + 20 : marginPercent
        let required = Amount.mulDiv(backedValue, Int128(poolExitCollateralRatioBips) * Int128(100 + marginPercent), 1_000_000)
            ?? Int128.max
        guard pool.totalSupply > 0, pool.totalCollateral > required else { return 0 }
        return Amount.mulDiv(pool.totalCollateral - required, pool.totalSupply, pool.totalCollateral) ?? 0
    }

    /// The NAT a defaulted request of `valueUBA` pays its redeemer.
    public func defaultPayment(valueUBA: Int128) -> Int128 {
        valueUBA * weiPerUBA * Int128(10_000 + redemptionDefaultPremiumBips) / 10_000
    }
}

/// An agent as `get_agent` reports it. SPEC 9 defines `executed_minting_lots` and
/// `redeemed_lots`; the optional members are devnet fields SPEC does not define (docs/API.md).
public struct AgentInfo: Sendable, Hashable {
    public var id: String
    public var feeBips: Int64
    public var pool: String
    public var freeLots: Int64
    /// `minted_lots` as reported, else SPEC 9's `executed_minting_lots − redeemed_lots`.
    public var mintedLots: Int64
    public var executedMintingLots: Int64
    public var redeemedLots: Int64
    public var isPublic: Bool?
    public var paymentAddress: String?
    public var reservedLots: Int64?
    public var redeemingLots: Int64?
    public var vault: Int128?

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "agent")
        id = try f.string("id")
        feeBips = try f.int("fee_bips")
        pool = try f.string("pool")
        freeLots = try f.int("free_lots")
        executedMintingLots = try f.int("executed_minting_lots")
        redeemedLots = try f.int("redeemed_lots")
        mintedLots = try f.optionalInt("minted_lots") ?? executedMintingLots - redeemedLots
        isPublic = try f.optionalBool("public")
        paymentAddress = try f.optionalString("payment_address")
        reservedLots = try f.optionalInt("reserved_lots")
        redeemingLots = try f.optionalInt("redeeming_lots")
        vault = try f.optionalAmount("vault")
    }
}

/// What `reserve_collateral` returns, and what a minter must pay.
public struct CollateralReservation: Sendable, Hashable, Codable {
    public var reservationID: Int64
    public var agent: String
    public var lots: Int64
    public var paymentAddress: String
    public var valueUBA: Int128
    public var feeUBA: Int128
    public var paymentReference: String
    public var deadline: Int64
    /// The fee as the node reported it (a devnet field); SPEC's is `SpecAsset.reservationFee`.
    public var reservationFee: Int128?

    public init(json: JSON, agent: String, lots: Int64) throws(DecodingFailure) {
        let f = try Fields(json, "reserve_collateral result")
        reservationID = try f.int("reservation_id")
        self.agent = agent
        self.lots = lots
        paymentAddress = try f.string("payment_address")
        valueUBA = try f.amount("value_uba")
        feeUBA = try f.amount("fee_uba")
        paymentReference = try f.string("payment_reference")
        deadline = try f.int("deadline")
        reservationFee = try f.optionalAmount("reservation_fee")
    }

    /// UND the minter pays the agent: value plus minting fee.
    public var paymentAmount: Int128 { valueUBA + feeUBA }
}

/// The status of a reservation or a redemption request, as reads report it.
public struct RequestStatus: Sendable, Hashable {
    public var status: String
    public var paymentFailed: Bool
    public var paymentHash: String?

    public init(json: JSON, _ what: String) throws(DecodingFailure) {
        let f = try Fields(json, what)
        status = try f.string("status")
        paymentFailed = json["payment_failed"]?.boolValue ?? false
        paymentHash = json["payment_hash"]?.stringValue
    }
}

/// One redemption request placed on an agent (SPEC 6).
public struct RedemptionRequest: Sendable, Hashable, Codable {
    public var requestID: Int64
    public var agent: String
    public var lots: Int64
    public var valueUBA: Int128
    public var feeUBA: Int128
    public var payUBA: Int128
    public var paymentReference: String
    public var deadline: Int64

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "redemption request")
        requestID = try f.int("request_id")
        agent = try f.string("agent")
        lots = try f.int("lots")
        valueUBA = try f.amount("value_uba")
        feeUBA = try f.amount("fee_uba")
        payUBA = try f.amount("pay_uba")
        paymentReference = try f.string("payment_reference")
        deadline = try f.int("deadline")
    }
}

/// A pool's totals, as `get_pool` reports them. SPEC 9 defines `total_collateral`,
/// `total_supply` and `fees_received`; the optional members are devnet fields.
public struct PoolInfo: Sendable, Hashable {
    public var totalCollateral: Int128
    public var totalSupply: Int128
    public var feesReceived: Int128
    public var pool: String?
    public var agent: String?
    public var fundBalance: Int128?
    /// NAT value of the agent's minted and redeeming lots.
    public var backedValue: Int128?

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "get_pool")
        totalCollateral = try f.amount("total_collateral")
        totalSupply = try f.amount("total_supply")
        feesReceived = try f.amount("fees_received")
        pool = try f.optionalString("pool")
        agent = try f.optionalString("agent")
        fundBalance = try f.optionalAmount("fund_balance")
        backedValue = try f.optionalAmount("backed_value")
    }
}

/// One holder's position in a pool (SPEC 9: `tokens`, `unlocked_tokens`, `fees`, `locks`).
public struct PoolHolding: Sendable, Hashable {
    public var tokens: Int128
    public var unlockedTokens: Int128
    public var fees: Int128
    /// Tokens still locked, each batch with the time it unlocks.
    public var locks: [PoolLock]

    public init(tokens: Int128 = 0, unlockedTokens: Int128 = 0, fees: Int128 = 0, locks: [PoolLock] = []) {
        self.tokens = tokens
        self.unlockedTokens = unlockedTokens
        self.fees = fees
        self.locks = locks
    }

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "get_pool_holder")
        var locks: [PoolLock] = []
        for item in json["locks"]?.arrayValue ?? [] {
            let l = try Fields(item, "get_pool_holder.locks")
            locks.append(PoolLock(tokens: try l.amount("tokens"), unlockAt: try l.int("unlock_at")))
        }
        self.init(tokens: try f.amount("tokens"), unlockedTokens: try f.amount("unlocked_tokens"), fees: try f.amount("fees"), locks: locks)
    }
}

/// Pool tokens locked until `unlockAt` (SPEC 6: for the timelock after an entry).
public struct PoolLock: Sendable, Hashable {
    public var tokens: Int128
    public var unlockAt: Int64

    public init(tokens: Int128, unlockAt: Int64) {
        self.tokens = tokens
        self.unlockAt = unlockAt
    }
}

/// FUND totals: the supply and what was ever minted and burned.
public struct FundSupply: Sendable, Hashable {
    public var totalSupply: Int128
    public var minted: Int128
    public var burned: Int128
    /// The seq of the last event these figures include (0 when the node does not say).
    public var asOfSeq: Int64

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "total_supply")
        totalSupply = try f.amount("total_supply")
        minted = try f.amount("minted")
        burned = try f.amount("burned")
        asOfSeq = try f.optionalInt("as_of_seq") ?? 0
    }
}
