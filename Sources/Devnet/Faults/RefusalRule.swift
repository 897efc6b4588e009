/// Every refusal rule the devnet enforces, by a stable name, so that one can be planted as
/// skipped (`skip:<name>`) for the harness's own tests: the node then lets through what the
/// rule would refuse, exactly as a node that forgot the rule would.
///
/// To add a rule: add a case here (its raw value is its public name, documented in
/// docs/API.md "Planted bugs") and check it where the rule is enforced with
/// `Ledger.enforces(_:)` or `Execution.require(_:_:or:)`. Rules that only stop the node from
/// doing arithmetic it cannot do (overflows, unknown ids) are not listed: they cannot be skipped.
public enum RefusalRule: String, Sendable, CaseIterable {
    // Native transactions (SPEC 1-3), refused with 2000-2099.
    case txWrongChainID = "tx.wrong_chain_id"
    case txUnknownSender = "tx.unknown_sender"
    case txBadSignature = "tx.bad_signature"
    case txReplayedNonce = "tx.replayed_nonce"
    case txNonceGap = "tx.nonce_gap"
    case txInsufficientFunds = "tx.insufficient_funds"
    // Underlying transactions (SPEC 5).
    case undWrongChainID = "und.wrong_chain_id"
    case undUnknownSender = "und.unknown_sender"
    case undBadSignature = "und.bad_signature"
    case undReplayedSequence = "und.replayed_sequence"
    case undSequenceGap = "und.sequence_gap"
    case undInsufficientFunds = "und.insufficient_funds"
    /// A payment into an account that blocks deposits fails (signed payments and agents' bots).
    case undDepositBlocked = "und.deposit_blocked"
    // native.transfer
    case nativeAmountPositive = "native.amount_positive"
    // Creator keys (SPEC 4).
    case keysAdminOnly = "creator_keys.admin_only"
    case keysPricePositive = "creator_keys.key_price_positive"
    case keysFeeConfigSum = "creator_keys.fee_config_sum"
    case keysProtocolFeeCap = "creator_keys.protocol_fee_cap"
    case keysHandleTooShort = "creator_keys.handle_too_short"
    case keysHandleTooLong = "creator_keys.handle_too_long"
    case keysHandleCharacter = "creator_keys.handle_character"
    case keysRegisteredOnce = "creator_keys.registered_once"
    case keysCreatorRegistered = "creator_keys.creator_registered"
    case keysPaused = "creator_keys.paused"
    case keysSlippage = "creator_keys.slippage"
    case keysPaymentCoversTotal = "creator_keys.payment_covers_total"
    case keysSellWithoutKey = "creator_keys.sell_without_key"
    case keysSellUnderflow = "creator_keys.sell_underflow"
    case keysReserveCoversPrice = "creator_keys.reserve_covers_price"
    case keysAmountPositive = "creator_keys.amount_positive"
    case keysWithdrawMoreThanTreasury = "creator_keys.withdraw_more_than_treasury"
    // Minting (SPEC 6).
    case mintingLotsPositive = "minting.lots_positive"
    case mintingFeeAboveMax = "minting.fee_above_max"
    case mintingFreeLots = "minting.free_lots"
    case mintingReservationFeeBalance = "minting.reservation_fee_balance"
    case mintingExecutedByOther = "minting.executed_by_other"
    case mintingExecutedTwice = "minting.executed_twice"
    case mintingDeadline = "minting.deadline"
    case mintingProofSignature = "minting.proof_signature"
    case mintingPaymentReused = "minting.payment_reused"
    case mintingPaymentAddress = "minting.payment_address"
    case mintingPaymentReference = "minting.payment_reference"
    case mintingPaymentAmount = "minting.payment_amount"
    // Redemption (SPEC 6).
    case redemptionLotsPositive = "redemption.lots_positive"
    case fundRedeemMoreThanHeld = "fund.redeem_more_than_held"
    case redemptionDefaultByOther = "redemption.default_by_other"
    case redemptionDefaultNotPending = "redemption.default_not_pending"
    case redemptionDefaultBeforeDeadline = "redemption.default_before_deadline"
    case redemptionVaultCoversDefault = "redemption.vault_covers_default"
    // Agents created by the admin (SPEC 7).
    case agentAdminOnly = "agent.admin_only"
    case agentOpeningInFuture = "agent.opening_in_future"
    // Collateral pools (SPEC 6).
    case poolMinimumEnter = "pool.minimum_enter"
    case poolEnterTooSmall = "pool.enter_too_small"
    case poolAmountPositive = "pool.amount_positive"
    case poolTokensHeld = "pool.tokens_held"
    case poolTimelock = "pool.timelock"
    case poolExitRatio = "pool.exit_ratio"
    case poolWithdrawMoreFees = "pool.withdraw_more_fees"
    case poolSelfTransfer = "pool.self_transfer"
    // FUND transfers (devnet extension).
    case fundAmountPositive = "fund.amount_positive"
    case fundTransferMoreThanHeld = "fund.transfer_more_than_held"
    // Schedules and tags (SPEC 7).
    case schedulerAdminOnly = "scheduler.admin_only"
    case schedulerTagUnique = "scheduler.tag_unique"
    /// A tag's `pause_at` holds its schedules' jobs due after it.
    case schedulePause = "schedule.pause"

    /// Every name, for error messages and docs.
    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
