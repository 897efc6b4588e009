import Foundation
import Networks

extension LoadAction {
    /// Enters a pool, then tries at once to exit the tokens just received: SPEC 6 keeps them
    /// locked for the timelock (`TokensLocked`).
    public static let refuseExitLockedTokens = LoadAction("RefuseExitLockedTokens", condition: { $0.state.nat >= 60 * Units.nat }) { user in
        guard let agent = user.randomElement(user.agents) else { throw ActionFailure.unexpected("no public agents") }
        _ = try await PoolActions.enter(user, agent: agent.id, amount: Units.nat)
        // Every token held, the ones just entered included: more than can be unlocked for the timelock,
        // however many older tokens unlock meanwhile.
        let held = try await user.asset.poolHolding(agent: agent.id, holder: user.address).tokens
        try await RefusalActions.expectRevert(user, AssetManager.poolExit(try PoolActions.poolID(user, agent.id), tokens: held),
            rule: "pool.exit of locked tokens", error: "TokensLocked")
    }

    /// Enters a pool, then tries to transfer the locked tokens to the partner (`TokensLocked`).
    public static let refuseTransferLockedTokens = LoadAction("RefuseTransferLockedTokens", involvesPartner: true,
        condition: { $0.partner != nil && $0.state.nat >= 60 * Units.nat })
    { user in
        guard let partner = user.partner, let agent = user.randomElement(user.agents) else { return }
        _ = try await PoolActions.enter(user, agent: agent.id, amount: Units.nat)
        let held = try await user.asset.poolHolding(agent: agent.id, holder: user.address).tokens
        try await RefusalActions.expectRevert(user,
            AssetManager.poolTransfer(try PoolActions.poolID(user, agent.id), to: partner.address, tokens: held),
            rule: "pool.transfer of locked tokens", error: "TokensLocked")
    }

    /// Mints (executed), then executes the same reservation again (`MintingAlreadyExecuted`).
    public static let refuseExecuteMintingTwice = LoadAction("RefuseExecuteMintingTwice", condition: MintActions.canMint) { user in
        guard let agent = user.randomElement(user.agents) else { throw ActionFailure.unexpected("no public agents") }
        let executed = try await MintActions.mint(user, agent: agent, lots: 1, executeNow: true)
        guard let (reservation, proof) = executed else { return }
        try await RefusalActions.expectRevert(user, user.asset.executeMinting(reservationID: reservation, proof: proof),
            rule: "execute_minting of an executed reservation", error: "MintingAlreadyExecuted")
    }

    /// Executes a paid minting of the book whose deadline passed (`MintingDeadlinePassed`).
    public static let refuseExecuteAfterDeadline = LoadAction("RefuseExecuteAfterDeadline", condition: { user in
        !RefusalActions.pastDeadline(user).isEmpty
    }) { user in
        guard let minting = user.randomElement(RefusalActions.pastDeadline(user)), let hash = minting.paymentHash else { return }
        let proof = try await UnderlyingChain(rpc: user.native.chain.rpc).paymentProof(hash)
        try await RefusalActions.expectRevert(user, user.asset.executeMinting(reservationID: minting.reservation.reservationID, proof: proof),
            rule: "execute_minting after the deadline", error: "MintingDeadlinePassed")
    }

    /// Defaults a request whose payment failed before its deadline (`RedemptionDeadlineNotPassed`).
    public static let refuseDefaultBeforeDeadline = LoadAction("RefuseDefaultBeforeDeadline", condition: { user in
        !RefusalActions.failedBeforeDeadline(user).isEmpty
    }) { user in
        guard let held = user.randomElement(RefusalActions.failedBeforeDeadline(user)) else { return }
        try await RefusalActions.expectRevert(user, user.asset.redemptionPaymentDefault(requestID: held.request.requestID),
            rule: "redemption_payment_default before the deadline", error: "RedemptionDeadlineNotPassed")
    }

    /// The partner tries to default one of the user's defaultable requests (`Unauthorized`):
    /// only the redeemer may.
    public static let refuseDefaultByOther = LoadAction("RefuseDefaultByOther", involvesPartner: true, condition: { user in
        user.partner != nil && !RedeemActions.defaultable(user).isEmpty
    }) { user in
        guard let partner = user.partner, let held = user.randomElement(RedeemActions.defaultable(user)) else { return }
        try await RefusalActions.expectRevert(partner, user.asset.redemptionPaymentDefault(requestID: held.request.requestID),
            rule: "redemption_payment_default by someone else", error: "Unauthorized", recordOn: user)
    }

    /// Redeems one lot more than the user's FUND covers (`InsufficientFund`).
    public static let refuseRedeemMoreThanHeld = LoadAction("RefuseRedeemMoreThanHeld", condition: { $0.state.nat >= 5 * Units.nat }) { user in
        let lots = Int64(clamping: user.state.fund / user.settings.lotSize) + 1
        try await RefusalActions.expectRevert(user, user.asset.redeem(lots: lots), rule: "redeem of more FUND than held", error: "InsufficientFund")
    }

    /// Withdraws 1 FUND more than a pool credited the user just now (`NotEnoughFees`): other
    /// users' mintings credit far less than that in the moment between the read and the call.
    public static let refuseWithdrawMoreFees = LoadAction("RefuseWithdrawMoreFees", condition: { user in
        user.state.nat >= 5 * Units.nat && !user.state.pools.isEmpty
    }) { user in
        guard let agent = user.randomElement(user.state.pools.keys.sorted()) else { return }
        let fees = try await user.asset.poolHolding(agent: agent, holder: user.address).fees
        try await RefusalActions.expectRevert(user, AssetManager.poolWithdrawFees(try PoolActions.poolID(user, agent), amount: fees + Units.und),
            rule: "pool.withdraw_fees above the credited fees", error: "NotEnoughFees")
    }

    /// Sends a transfer with a nonce already used: SPEC 1 refuses replays; nothing is included.
    public static let refuseReplayedNonce = LoadAction("RefuseReplayedNonce", condition: { $0.state.nat >= 5 * Units.nat }) { user in
        let next = try await user.native.chain.nonce(of: user.address)
        guard next > 0 else { return }
        let envelope = NativeEnvelope(chainID: user.native.chainID, from: user.address, nonce: next - 1, call: RefusalActions.tinyTransfer(user))
        try await RefusalActions.expectRefusal(user, user.native.key.sign(envelope: envelope.json), rule: "a replayed nonce",
            codes: RPCErrorCode.wrongNonce...RPCErrorCode.wrongNonce)
    }

    /// Sends a transfer signed by another key in the user's name: SPEC 1 refuses it; nothing is included.
    public static let refuseForgedSignature = LoadAction("RefuseForgedSignature", condition: { $0.state.nat >= 5 * Units.nat }) { user in
        let next = try await user.native.chain.nonce(of: user.address)
        let envelope = NativeEnvelope(chainID: user.native.chainID, from: user.address, nonce: next, call: RefusalActions.tinyTransfer(user))
        try await RefusalActions.expectRefusal(user, KeyPair().sign(envelope: envelope.json), rule: "a forged signature",
            codes: RPCErrorCode.badSignature...RPCErrorCode.badSignature)
    }
}

/// Foundry's handlers with expected reverts: actions that try, now and then, what SPEC must
/// refuse at that moment, and expect the refusal with nothing moved but gas. A refusal that
/// does not happen (or fails for another reason) is a mismatch naming the rule.
public enum RefusalActions {
    /// The refusal actions, in the `refusals` mix and in `all`.
    public static let all: [LoadAction] = [
        .refuseExitLockedTokens, .refuseTransferLockedTokens, .refuseExecuteMintingTwice, .refuseExecuteAfterDeadline,
        .refuseDefaultBeforeDeadline, .refuseDefaultByOther, .refuseRedeemMoreThanHeld, .refuseWithdrawMoreFees,
        .refuseReplayedNonce, .refuseForgedSignature,
    ]

    /// Sends `call`, which SPEC must revert with `error`; the revert's gas joins the effects as
    /// for any call. A success or another error is a mismatch of `rule`, recorded on `recordOn`.
    static func expectRevert(_ sender: LoadUser, _ call: Call, rule: String, error: String, recordOn: LoadUser? = nil) async throws {
        let owner = recordOn ?? sender
        do {
            try await sender.send(call, phase: "refusal")
            owner.effects.receiptMismatches.append(Mismatch(field: "refusal[\(rule)]", expected: "reverted with \(error)", actual: "included and succeeded"))
        } catch ActionFailure.reverted(_, let got) {
            if !got.contains(error) {
                owner.effects.receiptMismatches.append(Mismatch(field: "refusal[\(rule)]", expected: "reverted with \(error)", actual: got))
            }
        }
    }

    /// Sends a signed transaction that SPEC must refuse (a JSON-RPC error in `codes`, nothing included).
    static func expectRefusal(_ user: LoadUser, _ transaction: SignedTransaction, rule: String, codes: ClosedRange<Int>) async throws {
        user.enter(phase: "refusal")
        do {
            let receipt = try await user.native.chain.send(transaction)
            user.effects.receiptMismatches.append(Mismatch(field: "refusal[\(rule)]", expected: "refused with \(codes.lowerBound)",
                actual: "included, status \(receipt.status.rawValue)"))
        } catch let error as RPCError {
            if !codes.contains(error.code) {
                user.effects.receiptMismatches.append(Mismatch(field: "refusal[\(rule)]", expected: "refused with \(codes.lowerBound)",
                    actual: "refused with \(error.code) \(error.message)"))
            }
        }
    }

    /// A transfer of 1 wei to the partner (or back to the user): a call nothing can fault but the envelope.
    static func tinyTransfer(_ user: LoadUser) -> Call {
        Call(contract: "native", method: "transfer", args: ["to": .string(user.partner?.address ?? user.address), "amount": Amount.wire(1)])
    }

    /// Paid mintings of the book whose deadline passed (by this machine's clock, with a margin).
    static func pastDeadline(_ user: LoadUser) -> [UserBook.Minting] {
        let now = user.now
        return user.book.mintings.filter { $0.paymentHash != nil && $0.reservation.deadline + 2 < now }
    }

    /// Tracked requests whose payment failed and whose deadline is still ahead (with a margin).
    static func failedBeforeDeadline(_ user: LoadUser) -> [UserBook.Redemption] {
        let now = user.now
        return user.book.redemptions.filter { user.state.failedPayments.contains($0.request.requestID) && $0.request.deadline > now + 2 }
    }
}
