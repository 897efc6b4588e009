import Networks

/// Errors of `asset_manager` (SPEC 6), each naming its cause; codes are listed in docs/API.md.
enum AssetManagerError {
    static func e(_ code: Int, _ name: String) -> ContractError { ContractError(contract: "asset_manager", code: code, name: name) }

    static let unknownAgent = e(1, "UnknownAgent")
    static let notEnoughFreeLots = e(2, "NotEnoughFreeLots")
    static let feeAboveMax = e(3, "MintingFeeAboveMax")
    static let wrongPaymentAddress = e(4, "WrongPaymentAddress")
    static let paymentTooSmall = e(5, "PaymentTooSmall")
    static let wrongReference = e(6, "WrongPaymentReference")
    static let alreadyExecuted = e(7, "MintingAlreadyExecuted")
    static let deadlinePassed = e(8, "MintingDeadlinePassed")
    static let unknownReservation = e(9, "UnknownReservation")
    static let unknownRedemption = e(10, "UnknownRedemption")
    static let unauthorized = e(11, "Unauthorized")
    static let notPositiveLots = e(12, "NotPositiveLots")
    static let insufficientFund = e(13, "InsufficientFund")
    static let redemptionNotPending = e(14, "RedemptionNotPending")
    static let deadlineNotPassed = e(15, "RedemptionDeadlineNotPassed")
    static let insufficientBalance = e(16, "InsufficientBalance")
    static let invalidProof = e(17, "InvalidPaymentProof")
    static let paymentAlreadyUsed = e(18, "PaymentAlreadyUsed")
    static let overflow = e(19, "Overflow")
    static let vaultInsufficient = e(20, "AgentVaultInsufficient")
    static let agentUnderlyingInsufficient = e(21, "AgentUnderlyingInsufficient")
    static let unknownTag = e(22, "UnknownTag")
    static let openingTimeInFuture = e(23, "OpeningTimeInFuture")
}

/// Errors of an agent's `collateral_pool`.
enum PoolError {
    static func e(_ code: Int, _ name: String) -> ContractError { ContractError(contract: "collateral_pool", code: code, name: name) }

    static let belowMinimumEnter = e(1, "BelowMinimumEnter")
    static let notEnoughTokens = e(2, "NotEnoughTokens")
    static let tokensLocked = e(3, "TokensLocked")
    static let exitRatioViolated = e(4, "ExitCollateralRatioViolated")
    static let notEnoughFees = e(5, "NotEnoughFees")
    static let notPositiveAmount = e(6, "NotPositiveAmount")
    static let unknownPool = e(7, "UnknownPool")
    static let selfTransfer = e(8, "SelfTransfer")
    static let overflow = e(9, "Overflow")
    static let enterTooSmall = e(10, "EnterTooSmall")
}

/// Errors of the FUND token.
enum FundError {
    static let insufficientBalance = ContractError(contract: "fund", code: 1, name: "InsufficientBalance")
    static let notPositiveAmount = ContractError(contract: "fund", code: 2, name: "NotPositiveAmount")
    /// A balance would leave 128 bits (only possible if the supply bound were broken).
    static let overflow = ContractError(contract: "fund", code: 3, name: "Overflow")
}
