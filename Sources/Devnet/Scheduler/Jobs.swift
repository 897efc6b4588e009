import Networks

/// What each scheduled job does to the ledger (SPEC 6 and 7).
extension Ledger {
    /// Runs at most `limit` due jobs, one at a time in due order, each with its own events;
    /// returns how many ran. The rest of a backlog waits for the next call.
    @discardableResult
    func runDueJobs(limit: Int) -> Int {
        let now = clock()
        var count = 0
        let ignorePause = plants.skips(.schedulePause)
        while count < limit, let schedule = scheduler.nextDue(now: now, ignoringPause: ignorePause) {
            count += 1
            let t = schedule.effectiveTime
            // A job is not a transaction: what it did before failing stays, with its events.
            var failure: String?
            do { try runJob(schedule, effectiveTime: t, now: now) } catch { failure = error.name }
            let data: JSON = ["schedule": .string(schedule.name.rawValue), "resource": .string(schedule.resource),
                "tag": schedule.tag.map { .string($0) } ?? .null, "effective_time": .int(t),
                "error": failure.map { .string($0) } ?? .null]
            events.stage(type: failure == nil ? "ScheduleJobCompleted" : "ScheduleJobFailed", resource: schedule.resource,
                timestamp: now, data: data)
            events.commit()
            scheduler.record(schedule, Schedule.Job(effectiveTime: t, status: failure == nil ? .succeeded : .failed, completedAt: now, error: failure))
        }
        return count
    }

    func runJob(_ schedule: DueJob, effectiveTime t: Int64, now: Int64) throws(ContractError) {
        switch schedule.name {
        case .payRedemptions: try payRedemptions(agentID: schedule.resource, now: now)
        case .expireReservations: expireReservations(agentID: schedule.resource, before: t, now: now)
        case .accruePoolRewards: accruePoolRewards(poolID: schedule.resource, now: now)
        }
    }

    /// The agent's bot pays every pending request it has not tried yet, whenever it was made: a
    /// job that runs late (catching up, or triggered by a test) pays what is pending when it runs.
    /// A payment into a blocked account fails and is not retried: the redeemer may default.
    func payRedemptions(agentID: String, now: Int64) throws(ContractError) {
        let agent = try asset.agent(agentID)
        // The agent's index, not every redemption ever made; same requests, same (id) order.
        let due = (asset.unpaidByAgent[agentID] ?? []).sorted().compactMap { asset.redemptions[$0] }
        for var request in due {
            let needed = try request.payUBA.adding(UnderlyingLedger.transactionFee, or: AssetManagerError.overflow)
            guard underlying.balance(agent.paymentAddress) >= needed else { throw AssetManagerError.agentUnderlyingInsufficient }
            guard underlying.canCredit(request.underlyingAddress, request.payUBA),
                let redeemingLots = try? agent.redeemingLots.subtracting(request.lots, or: AssetManagerError.overflow),
                let freeLots = try? agent.freeLots.adding(request.lots, or: AssetManagerError.overflow),
                underlying.sequences[agent.paymentAddress] ?? 0 < Int64.max
            else { throw AssetManagerError.overflow }
            let tx = botPayment(agent: agent, to: request.underlyingAddress, amount: request.payUBA, reference: request.paymentReference)
            request.paymentHash = tx.hash
            if tx.status == .success {
                request.status = .successful
                agent.redeemingLots = redeemingLots
                agent.freeLots = freeLots
                events.stage(type: "RedemptionPaid", resource: agentID, timestamp: now, data: request.json)
            } else {
                request.paymentFailed = true
                events.stage(type: "RedemptionPaymentFailed", resource: agentID, timestamp: now, data: request.json)
            }
            asset.store(request)
        }
    }

    /// Unpaid reservations whose deadline is before `t` expire; the agent keeps the fee.
    func expireReservations(agentID: String, before t: Int64, now: Int64) {
        let expired = (asset.reservedByAgent[agentID] ?? []).sorted().compactMap { asset.reservations[$0] }.filter { $0.deadline < t }
        for var reservation in expired {
            reservation.status = .expired
            asset.store(reservation)
            if let agent = asset.agents[agentID],
                let reserved = try? agent.reservedLots.subtracting(reservation.lots, or: AssetManagerError.overflow),
                let free = try? agent.freeLots.adding(reservation.lots, or: AssetManagerError.overflow)
            {
                agent.reservedLots = reserved
                agent.freeLots = free
            }
            events.stage(type: "ReservationExpired", resource: agentID, timestamp: now, data: reservation.json)
        }
    }

    /// Adds 0.02 % of the pool's collateral from the reward reserve (as much as it has).
    func accruePoolRewards(poolID: String, now: Int64) {
        guard let pool = asset.pools[poolID] else { return }
        // floor(C·2/10_000) without the product: C may be anywhere up to 128 bits.
        let reward = min(mulDiv(max(pool.totalCollateral, 0), 2, 10_000) ?? 0, asset.rewardReserve)
        guard !pool.totalCollateral.addingReportingOverflow(reward).overflow else { return }
        pool.totalCollateral += reward
        asset.rewardReserve -= reward
        events.stage(type: "PoolRewardsAccrued", resource: poolID, timestamp: now,
            data: ["agent": .string(pool.agent), "reward": Amount.wire(reward), "total_collateral": Amount.wire(pool.totalCollateral)])
    }
}
