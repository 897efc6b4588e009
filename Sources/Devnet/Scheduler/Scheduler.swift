import Networks

/// Runs every due job of every schedule in due order (SPEC 7).
///
/// The ledger calls `runDue` before it serves a request and a ticker calls it between
/// requests, so jobs run on time whether or not anyone is calling. A schedule bound to a
/// tag runs when its tag allows; one without a tag follows the clock.
final class Scheduler {
    var schedules: [String: Schedule] = [:]
    var tags: [String: ScheduleTag] = [:]

    /// Jobs one call may run, so a devnet woken after a long pause cannot stall a request.
    static let maxJobsPerCall = 10_000

    func add(_ name: Schedule.Name, resource: String, openedAt: Int64, tag: String? = nil) {
        let schedule = Schedule(name: name, resource: resource, tag: tag, nextRun: name.next(after: openedAt))
        schedules[schedule.key] = schedule
    }

    func isDue(_ s: Schedule, now: Int64) -> Bool {
        guard let tagID = s.tag else { return s.nextRun <= now }
        return tags[tagID]?.allows(s.nextRun, now: now) ?? (s.nextRun <= now)
    }

    /// The next job to run: the earliest due one, ties broken by schedule key.
    func nextDue(now: Int64) -> Schedule? {
        var best: Schedule?
        for s in schedules.values where isDue(s, now: now) {
            if let b = best, (b.nextRun, b.key) <= (s.nextRun, s.key) { continue }
            best = s
        }
        return best
    }

    func record(_ s: Schedule, _ job: Schedule.Job) {
        guard var schedule = schedules[s.key] else { return }
        schedule.lastRun = job.effectiveTime
        schedule.nextRun = schedule.name.next(after: job.effectiveTime)
        schedule.jobs.append(job)
        if schedule.jobs.count > Schedule.keptJobs { schedule.jobs.removeFirst(schedule.jobs.count - Schedule.keptJobs) }
        schedules[s.key] = schedule
    }
}

extension Scheduler {
    func addAgentSchedules(_ agent: Agent, tag: String? = nil) {
        add(.payRedemptions, resource: agent.id, openedAt: agent.openingTime, tag: tag)
        add(.expireReservations, resource: agent.id, openedAt: agent.openingTime, tag: tag)
        add(.accruePoolRewards, resource: agent.poolID, openedAt: agent.openingTime, tag: tag)
    }
}
