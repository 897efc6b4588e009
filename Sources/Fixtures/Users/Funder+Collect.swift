import Foundation
import Networks

/// Returning a user's funds to the funder (seed 000's "the funder collects funds back"),
/// at the end of a test case, also when it failed or was cancelled, and for users of a
/// crashed run found in the keystore.
extension Funder {
    /// Settles what it can (executes paid mintings, defaults what is defaultable, waits for
    /// bots to pay, exits pools, withdraws fees), then sends FUND, UND and NAT to the funder.
    /// Returns what was returned; the user's record says so and is saved.
    @discardableResult
    public nonisolated func collect(_ user: LoadUser, unblock: Bool = false) async -> Funds {
        let funder = self
        let chain = user.native.chain
        user.currentAction = "Collect"
        if unblock { try? await user.setDepositBlocked(false) }
        let now = user.now
        // A payment recorded as an intent may have been made before a crash: execute looks it up.
        for minting in user.book.mintings where minting.paymentHash != nil || minting.paymentIntent != nil {
            let id = minting.reservation.reservationID
            if minting.reservation.deadline > now + 2 { _ = try? await MintActions.execute(user, minting) }
            // Executed by a process killed before it could note so, or expired: nothing is left to do or keep gas for.
            if user.book.mintings.contains(where: { $0.reservation.reservationID == id }),
                let status = try? await user.asset.reservation(id).status, status == "EXECUTED" || status == "EXPIRED"
            {
                user.book.mintings.removeAll { $0.reservation.reservationID == id }
            }
        }
        await Settlement.resolveRedeemIntent(user)
        await Settlement.settleRedemptions(user)
        for agent in user.agents { await Settlement.leavePool(user, agent: agent.id) }
        var returned = Funds()
        returned.fund = await Settlement.returnFund(user, to: funder.address)
        let undFee = UnderlyingChain.transactionFee
        if let und = try? await UnderlyingChain(rpc: chain.rpc).balance(of: user.underlying.address), und > undFee,
            let tx = try? await user.underlying.pay(und - undFee, to: funder.underlyingAddress, reference: nil), tx.status == .success
        {
            returned.und = und - undFee
        }
        let reserve = await Settlement.gasReserve(user)
        if let nat = try? await chain.balance(of: user.address) {
            let fee = Int128(SpecGas.gas(.native, "transfer") ?? 21_000) * user.gasPrice
            if nat > fee + reserve, (try? await user.send(Call(contract: "native", method: "transfer",
                args: ["to": .string(funder.address), "amount": Amount.wire(nat - fee - reserve)]), phase: "collect-nat")) != nil
            {
                returned.nat = nat - fee - reserve
            }
        }
        user.record.returned = user.record.returned + returned
        // Claims still open or NAT kept for them: the account stays active, so that once this
        // process is gone `ledgerqa recover` (or the next run) settles and collects the rest.
        user.record.status = reserve > 0 || !user.book.isEmpty ? .active : .collected
        try? await user.saveDurably()
        user.log("collected \(returned.readable); pending: \(user.book.mintings.count) mintings, \(user.book.redemptions.count) redemptions")
        return returned
    }
}

/// Closing a user's open positions before its funds go back to the funder.
enum Settlement {
    /// The NAT a collected account keeps for what is still open: SPEC's gas to execute each
    /// paid minting, default each pending redemption, exit and withdraw from each pool it
    /// still holds tokens of, and move the rest to the funder afterwards. Without it, a later
    /// `ledgerqa recover` could not settle them and their value would be lost.
    static func gasReserve(_ user: LoadUser) async -> Int128 {
        func gas(_ kind: SpecGas.ContractKind, _ method: String) -> Int128 { Int128(SpecGas.gas(kind, method) ?? 0) }
        var total = Int128(user.book.mintings.filter { $0.paymentHash != nil || $0.paymentIntent != nil }.count) * gas(.assetManager, "execute_minting")
        total += Int128(user.book.redemptions.count) * gas(.assetManager, "redemption_payment_default")
        var pools = 0
        for agent in user.agents {
            if let holding = try? await user.asset.poolHolding(agent: agent.id, holder: user.address), holding.tokens > 0 { pools += 1 }
        }
        total += Int128(pools) * (gas(.pool, "exit") + gas(.pool, "withdraw_fees"))
        guard total > 0 else { return 0 }
        return (total + gas(.native, "transfer")) * user.gasPrice
    }

    /// Sends the user's FUND to the funder with `fund.transfer` where the node offers it (the
    /// devnet does). SPEC itself defines no FUND transfer: on a node that refuses the call,
    /// whole lots are redeemed instead (the agents' bots pay their UND to the user, and it is
    /// returned with the rest of its UND) and a remainder under a lot stays, as
    /// `unmovableFund`. Returns the FUND transferred.
    static func returnFund(_ user: LoadUser, to funder: String) async -> Int128 {
        user.unmovableFund = 0
        guard let fund = try? await user.asset.fundBalance(of: user.address), fund > 0 else { return 0 }
        do {
            try await user.send(user.asset.fundTransfer(to: funder, amount: fund), phase: "collect-fund")
            return fund
        } catch {
            user.log("collect: fund.transfer refused (\(error)); redeeming whole lots instead")
        }
        let lots = Int64(clamping: fund / user.settings.lotSize)
        if lots > 0 {
            do { try await RedeemActions.redeem(user, lots: lots, agent: nil) } catch {
                user.log("collect: redeeming \(lots) lots failed: \(error)")
            }
            await settleRedemptions(user)
        }
        user.unmovableFund = (try? await user.asset.fundBalance(of: user.address)) ?? fund
        return 0
    }

    /// A `redeem` an earlier process sent without saving its requests: the receipt names
    /// them, and they join the book. One the node never included made no request.
    static func resolveRedeemIntent(_ user: LoadUser) async {
        guard let intent = user.book.redeemIntent else { return }
        let included: Receipt?
        do { included = try await user.native.chain.receiptIfIncluded(intent.hash) } catch { return }  // unreadable now: keep it
        if let receipt = included, receipt.status == .success, let result = try? RedeemResult(json: receipt.result ?? .null) {
            for request in result.requests where !user.book.redemptions.contains(where: { $0.request.requestID == request.requestID }) {
                user.book.redemptions.append(UserBook.Redemption(request: request))
            }
            user.log("collect: redeem \(intent.hash) of an earlier process made requests \(result.requests.map(\.requestID))")
        }
        user.book.redeemIntent = nil
        try? await user.saveDurably()
    }

    /// Waits (up to 15 s) for bots to pay requests they have not tried yet, and defaults
    /// requests whose payment failed and whose deadline passed. The rest stay in the book.
    static func settleRedemptions(_ user: LoadUser) async {
        let asset = user.asset
        var open: [UserBook.Redemption] = []
        for held in user.book.redemptions {
            let id = held.request.requestID
            let status = try? await Retry(timeout: .seconds(15), interval: .milliseconds(250), backoff: 1.3, maxInterval: .seconds(1)).run(
                "the bot's attempt to pay redemption \(id)", attempt: { try await asset.redemption(id) },
                until: { $0.paymentHash != nil || $0.status != "PENDING" })
            // A status that could not be read (a wait abandoned by a second Ctrl-C) keeps the claim.
            guard let status else {
                open.append(held)
                continue
            }
            guard status.status == "PENDING" else { continue }
            if status.paymentFailed, held.request.deadline + 1 < user.now,
                (try? await user.send(asset.redemptionPaymentDefault(requestID: id), phase: "collect-default")) != nil
            {
                continue
            }
            open.append(held)
        }
        user.book.redemptions = open
    }

    /// Exits the user's tokens of one pool (after the timelock, within the exit ratio) and
    /// withdraws its fees.
    static func leavePool(_ user: LoadUser, agent: String) async {
        let asset = user.asset
        let address = user.address
        guard var holding = try? await asset.poolHolding(agent: agent, holder: address) else { return }
        if holding.tokens > holding.unlockedTokens {
            let tokens = holding.tokens
            holding = (try? await Retry(timeout: .seconds(user.settings.poolTokenTimelock + 15), interval: .milliseconds(500)).run(
                "pool tokens to unlock", attempt: { try await asset.poolHolding(agent: agent, holder: address) },
                until: { $0.unlockedTokens >= tokens })) ?? holding
        }
        if holding.unlockedTokens > 0, let pool = try? await asset.pool(ofAgent: agent), let id = try? PoolActions.poolID(user, agent) {
            let info = try? await asset.agent(agent)
            let tokens = min(holding.unlockedTokens, user.settings.exitableTokens(pool: pool, agent: info, marginPercent: 10))
            if tokens > 0 { _ = try? await user.send(AssetManager.poolExit(id, tokens: tokens), phase: "collect-exit") }
        }
        if let fees = try? await asset.poolHolding(agent: agent, holder: address).fees, fees > 0, let id = try? PoolActions.poolID(user, agent) {
            _ = try? await user.send(AssetManager.poolWithdrawFees(id, amount: fees), phase: "collect-fees")
        }
    }
}
