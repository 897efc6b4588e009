import Foundation
import Networks

extension LoadAction {
    /// Redeems 1 to 3 lots from the public agents and tracks each request until its bot pays it.
    public static let redeemRandomAmount = LoadAction(.redeemRandomAmount, condition: RedeemActions.canRedeem) { user in
        _ = try await RedeemActions.redeem(user, lots: RedeemActions.lots(user), agent: nil)
    }

    /// Defaults a random tracked request whose payment failed and whose deadline passed, for the NAT premium.
    public static let redeemDefaultRandomRedemption = LoadAction(.redeemDefaultRandomRedemption, condition: { !RedeemActions.defaultable($0).isEmpty }) { user in
        guard let held = user.randomElement(RedeemActions.defaultable(user)) else { return }
        let id = held.request.requestID
        try await user.send(user.asset.redemptionPaymentDefault(requestID: id), phase: "default")
        user.effects.defaultedValues.append(held.request.valueUBA)
        user.effects.untrackedRedemptions.insert(id)
        user.book.redemptions.removeAll { $0.request.requestID == id }
        try user.save()
    }

    /// Blocks deposits, redeems, waits until the bots tried to pay (and failed), unblocks.
    public static let redeemDefaultRandomRedemptionBlockUnderlying = LoadAction(.redeemDefaultRandomRedemptionBlockUnderlying, condition: RedeemActions.canRedeem) { user in
        try await user.setDepositBlocked(true)
        do {
            let requests = try await RedeemActions.redeem(user, lots: RedeemActions.lots(user), agent: nil)
            let attempts = try await RedeemActions.waitForPaymentAttempts(user, requests)
            // SPEC 5, 6: deposits were blocked from before each request existed until after its
            // bot tried to pay it, so every attempt must have failed (order, not timestamps).
            for status in attempts where status.status != "PENDING" || !status.paymentFailed {
                user.effects.receiptMismatches.append(Mismatch(field: "redemption[\(status.id)].payment",
                    expected: "a failed payment: deposits blocked from before the request until after the bot's attempt",
                    actual: "status \(status.status), payment_failed \(status.paymentFailed)"))
            }
        } catch {
            try await user.setDepositBlocked(false)
            throw error
        }
        try await user.setDepositBlocked(false)
    }
}

/// Redemption actions of seed 000. A redemption's request is paid later by the agent's bot
/// (the engine reconciles that payment) or, when the user blocked deposits so that the bot's
/// payment failed, defaulted by the user after the deadline for the NAT premium.
public enum RedeemActions {
    static func canRedeem(_ user: LoadUser) -> Bool { user.state.fund >= user.settings.lotSize && user.state.nat >= 5 * Units.nat }

    static func lots(_ user: LoadUser) -> Int64 {
        user.random(1...max(1, min(3, Int64(clamping: user.state.fund / user.settings.lotSize))))
    }

    /// Requests whose bot payment failed and whose deadline has passed (with a second of margin
    /// for clock skew between this machine and the node).
    static func defaultable(_ user: LoadUser) -> [UserBook.Redemption] {
        let now = user.now
        return user.book.redemptions.filter { user.state.failedPayments.contains($0.request.requestID) && $0.request.deadline + 1 < now }
    }

    /// Redeems `lots` and tracks every request it made; the burned FUND follows from the
    /// placed lots, which must add up with `remaining_lots` to what was asked. The signed
    /// transaction is on disk before it is sent (`UserBook.redeemIntent`), so a crash before
    /// its requests are saved loses none of them.
    @discardableResult
    public static func redeem(_ user: LoadUser, lots: Int64, agent: String?) async throws -> [RedemptionRequest] {
        await Settlement.resolveRedeemIntent(user)  // an earlier redeem whose answer was lost for good
        let receipt: Receipt
        do {
            receipt = try await user.send(user.asset.redeem(lots: lots, agent: agent), phase: "redeem", recordIntent: { intent in
                user.book.redeemIntent = intent
                try await user.saveDurably()
            })
        } catch {
            // Refused or reverted: no request exists. An answer lost for good keeps the intent for collecting to look up.
            if error is RPCError || error is ActionFailure { user.book.redeemIntent = nil }
            throw error
        }
        let result = try RedeemResult(json: receipt.result ?? .null)
        let placed = result.requests.reduce(0) { $0 + $1.lots }
        guard placed + result.remainingLots == lots else {
            throw ActionFailure.unexpected("redeem of \(lots) lots placed \(placed) and left \(result.remainingLots)")
        }
        user.effects.redeemedLots += placed
        for request in result.requests {
            // SPEC 6: value_uba = lots·lot_size, fee_uba = floor(value·redemption_fee_bips / 10_000), pay_uba = value − fee.
            let value = Int128(request.lots) * user.settings.lotSize
            let fee = value * Int128(user.settings.redemptionFeeBips) / 10_000
            for (field, expected, actual) in [("value_uba", value, request.valueUBA), ("fee_uba", fee, request.feeUBA), ("pay_uba", value - fee, request.payUBA)]
            where expected != actual {
                user.effects.receiptMismatches.append(Mismatch(field: "redemption[\(request.requestID)].\(field)", expected: String(expected),
                    actual: String(actual), asset: .und))
            }
            user.book.redemptions.append(UserBook.Redemption(request: request))
            user.effects.redemptionStatus[request.requestID] = "PENDING"
        }
        // The claims are on disk before anything else happens: a run killed now still defaults them later.
        // Until then the intent stays, also when the result could not be read: collecting looks it up.
        user.book.redeemIntent = nil
        try await user.saveDurably()
        return result.requests
    }

    /// Waits until the agents' bots tried to pay each request (PAY_REDEMPTIONS runs every 5 s);
    /// returns each request's status after the attempt.
    @discardableResult
    static func waitForPaymentAttempts(_ user: LoadUser, _ requests: [RedemptionRequest]) async throws -> [(id: Int64, status: String, paymentFailed: Bool)] {
        let asset = user.asset
        var attempts: [(id: Int64, status: String, paymentFailed: Bool)] = []
        for request in requests {
            let start = ContinuousClock.now
            user.enter(phase: "await-payment")
            let status = try await Retry(timeout: .seconds(30), interval: .milliseconds(250), backoff: 1.2, maxInterval: .seconds(1)).run(
                "the bot's payment of redemption \(request.requestID)",
                attempt: { try await asset.redemption(request.requestID) },
                until: { $0.paymentHash != nil || $0.status != "PENDING" })
            user.opLog?.write("OP_WATCH user=\(user.record.label) action=\(user.currentAction) phase=await-payment ms=\(milliseconds(since: start))")
            attempts.append((request.requestID, status.status, status.paymentFailed))
        }
        return attempts
    }
}
