import Networks

/// What an action did, as the engine needs it to derive the expected state: the inputs it
/// chose, the receipts' fees, and results that depend on other users (pool tokens and
/// payouts) together with the pool totals that bound them.
public struct Effects: Sendable, Equatable {
    /// A collateral pool entry or exit with the pool totals read before and after it.
    public struct PoolMove: Sendable, Equatable {
        public var agent: String
        /// NAT in for an entry, NAT paid out for an exit.
        public var nat: Int128
        public var tokens: Int128
        public var before: PoolTotals
        public var after: PoolTotals
        /// For an entry: when its tokens unlock (block time + the pool token timelock).
        public var unlockAt: Int64?

        public init(agent: String, nat: Int128, tokens: Int128, before: PoolTotals, after: PoolTotals, unlockAt: Int64? = nil) {
            self.agent = agent
            self.nat = nat
            self.tokens = tokens
            self.before = before
            self.after = after
            self.unlockAt = unlockAt
        }
    }

    /// A pool's collateral, token supply and all fees it ever received, at one moment.
    public struct PoolTotals: Sendable, Equatable {
        public var collateral: Int128
        public var supply: Int128
        public var feesReceived: Int128

        public init(collateral: Int128, supply: Int128, feesReceived: Int128 = 0) {
            self.collateral = collateral
            self.supply = supply
            self.feesReceived = feesReceived
        }

        public init(_ info: PoolInfo) { self.init(collateral: info.totalCollateral, supply: info.totalSupply, feesReceived: info.feesReceived) }
    }

    /// Gas fees of every included transaction, reverted ones too (wei).
    public var gasFees: Int128 = 0
    /// Fees of every underlying transaction, failed ones too (drops).
    public var underlyingFees: Int128 = 0
    /// Lots of each reservation made (its NAT fee follows from SPEC).
    public var reservedLots: [Int64] = []
    /// Minting payments made: lots and the agent's fee bips (the UND paid follows from SPEC).
    public var mintingPayments: [(lots: Int64, feeBips: Int64)] = []
    /// Lots of executed mintings (FUND received follows from SPEC).
    public var executedLots: Int64 = 0
    /// Lots placed by redemptions (FUND burned follows from SPEC).
    public var redeemedLots: Int64 = 0
    /// Values in uba of defaulted requests (the NAT premium follows from SPEC).
    public var defaultedValues: [Int128] = []
    public var poolEntries: [PoolMove] = []
    public var poolExits: [PoolMove] = []
    /// FUND fees withdrawn, by agent.
    public var feeWithdrawals: [(agent: String, amount: Int128)] = []
    /// Pool tokens sent to another address (the partner), by agent; negative when received.
    public var tokensSent: [(agent: String, tokens: Int128)] = []
    /// NAT, UND and FUND the action sent to other accounts (negative when it received them),
    /// beyond what the fields above account for: what a custom action's plain transfers record.
    public var natSent: Int128 = 0
    public var undSent: Int128 = 0
    public var fundSent: Int128 = 0
    /// Where a receipt or transaction disagreed with SPEC (gas, fee): mismatches of the action
    /// even when the balances agree with the receipt.
    public var receiptMismatches: [Mismatch] = []
    /// Status each tracked reservation / request must have now.
    public var reservationStatus: [Int64: String] = [:]
    public var redemptionStatus: [Int64: String] = [:]
    /// Reservations and requests no longer tracked (executed, defaulted, paid).
    public var untrackedReservations: Set<Int64> = []
    public var untrackedRedemptions: Set<Int64> = []
    /// Agents whose pools the action touched, so the engine reads them.
    public var touchedPools: Set<String> = []

    public init() {}

    public static func == (a: Effects, b: Effects) -> Bool {
        a.gasFees == b.gasFees && a.underlyingFees == b.underlyingFees && a.reservedLots == b.reservedLots
            && a.mintingPayments.elementsEqual(b.mintingPayments, by: { $0 == $1 }) && a.executedLots == b.executedLots
            && a.redeemedLots == b.redeemedLots && a.defaultedValues == b.defaultedValues && a.poolEntries == b.poolEntries
            && a.poolExits == b.poolExits && a.feeWithdrawals.elementsEqual(b.feeWithdrawals, by: { $0 == $1 })
            && a.tokensSent.elementsEqual(b.tokensSent, by: { $0 == $1 }) && a.reservationStatus == b.reservationStatus
            && a.redemptionStatus == b.redemptionStatus && a.untrackedReservations == b.untrackedReservations
            && a.untrackedRedemptions == b.untrackedRedemptions && a.touchedPools == b.touchedPools
            && a.natSent == b.natSent && a.undSent == b.undSent && a.fundSent == b.fundSent
            && a.receiptMismatches == b.receiptMismatches
    }
}
