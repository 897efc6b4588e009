import Networks

/// What each scheduled job does to the ledger (SPEC 6 and 7).
extension Ledger {
    /// Runs every due job, each in due order with its own events.
    func runDueJobs() {
        let now = clock()
        var count = 0
        while count < Scheduler.maxJobsPerCall, let schedule = scheduler.nextDue(now: now) {
            count += 1
            let t = schedule.nextRun
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
    }

    func runJob(_ schedule: Schedule, effectiveTime t: Int64, now: Int64) throws(ContractError) {
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
        let due = asset.redemptions.values
            .filter { $0.agent == agentID && $0.status == .pending && $0.paymentHash == nil }
            .sorted { $0.id < $1.id }
        for var request in due {
            guard underlying.balance(agent.paymentAddress) >= request.payUBA + UnderlyingLedger.transactionFee else {
                throw AssetManagerError.agentUnderlyingInsufficient
            }
            let tx = botPayment(agent: agent, to: request.underlyingAddress, amount: request.payUBA, reference: request.paymentReference)
            request.paymentHash = tx.hash
            if tx.status == .success {
                request.status = .successful
                agent.redeemingLots -= request.lots
                agent.freeLots += request.lots
                events.stage(type: "RedemptionPaid", resource: agentID, timestamp: now, data: request.json)
            } else {
                request.paymentFailed = true
                events.stage(type: "RedemptionPaymentFailed", resource: agentID, timestamp: now, data: request.json)
            }
            asset.redemptions[request.id] = request
        }
    }

    /// Unpaid reservations whose deadline is before `t` expire; the agent keeps the fee.
    func expireReservations(agentID: String, before t: Int64, now: Int64) {
        let expired = asset.reservations.values.filter { $0.agent == agentID && $0.status == .reserved && $0.deadline < t }
        for var reservation in expired.sorted(by: { $0.id < $1.id }) {
            reservation.status = .expired
            asset.reservations[reservation.id] = reservation
            if let agent = asset.agents[agentID] {
                agent.reservedLots -= reservation.lots
                agent.freeLots += reservation.lots
            }
            events.stage(type: "ReservationExpired", resource: agentID, timestamp: now, data: reservation.json)
        }
    }

    /// Adds 0.02 % of the pool's collateral from the reward reserve (as much as it has).
    func accruePoolRewards(poolID: String, now: Int64) {
        guard let pool = asset.pools[poolID] else { return }
        let reward = min(pool.totalCollateral * 2 / 10_000, asset.rewardReserve)
        pool.totalCollateral += reward
        asset.rewardReserve -= reward
        events.stage(type: "PoolRewardsAccrued", resource: poolID, timestamp: now,
            data: ["agent": .string(pool.agent), "reward": Amount.wire(reward), "total_collateral": Amount.wire(pool.totalCollateral)])
    }
}
