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

    /// Adds a schedule whose first job is due after `openedAt`. A tagged schedule of a backdated
    /// resource catches up from its opening under its tag's control; an untagged one starts from
    /// `now`, so a resource opened in 2020 does not run six years of jobs on the clock.
    func add(_ name: Schedule.Name, resource: String, openedAt: Int64, tag: String? = nil, now: Int64) {
        let start = tag == nil ? max(openedAt, now) : openedAt
        let schedule = Schedule(name: name, resource: resource, tag: tag, nextRun: name.next(after: start))
        schedules[schedule.key] = schedule
    }

    func schedule(_ name: Schedule.Name, of resource: String) -> Schedule? { schedules["\(resource)/\(name.rawValue)"] }

    /// The time a resource's schedule has reached: `now`, or the effective time of its last job
    /// when a fast-forwarded tag ran it ahead of the clock. Deadlines of the resource are judged
    /// against it, so a test passes a deadline by fast-forwarding instead of sleeping.
    func time(of name: Schedule.Name, resource: String, now: Int64) -> Int64 {
        max(now, schedule(name, of: resource)?.lastRun ?? now)
    }

    /// The resource's schedules in name order.
    func schedules(of resource: String) -> [Schedule] {
        Schedule.Name.allCases.compactMap { schedule($0, of: resource) }
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
    /// The agent's two schedules and its pool's, each bound to its tag in `tags` if any.
    func addAgentSchedules(_ agent: Agent, tags: [Schedule.Name: String] = [:], now: Int64) {
        for name in Schedule.Name.allCases {
            add(name, resource: name.isAgentSchedule ? agent.id : agent.poolID, openedAt: agent.openingTime, tag: tags[name], now: now)
        }
    }
}
