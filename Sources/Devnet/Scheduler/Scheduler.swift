import Networks

/// Runs every due job of every schedule in due order (SPEC 7).
///
/// The ledger calls `runDue` before it serves a request and a ticker calls it between
/// requests, so jobs run on time whether or not anyone is calling. A schedule bound to a
/// tag runs when its tag allows; one without a tag follows the clock.
final class Scheduler {
    /// Every schedule by key; written through `add` and `record` so the due order follows.
    private(set) var schedules: [String: Schedule] = [:]
    var tags: [String: ScheduleTag] = [:]
    /// The untagged schedules by next run. An entry whose schedule has moved on since is
    /// stale and skipped when it reaches the top.
    private var clockQueue = DueQueue()
    /// The tagged schedules: their tag decides when they run (pause, fast-forward), so each is
    /// checked; only tests bind tags, so they are few.
    private var taggedKeys: Set<String> = []

    /// Adds a schedule whose first job is due after `openedAt`. A tagged schedule of a backdated
    /// resource catches up from its opening under its tag's control; an untagged one starts from
    /// `now`, so a resource opened in 2020 does not run six years of jobs on the clock.
    func add(_ name: Schedule.Name, resource: String, openedAt: Int64, tag: String? = nil, now: Int64) {
        let start = tag == nil ? max(openedAt, now) : openedAt
        var schedule = Schedule(name: name, resource: resource, tag: tag, nextRun: start)
        schedule.advance(after: start)
        schedules[schedule.key] = schedule
        if tag == nil {
            taggedKeys.remove(schedule.key)
            if !schedule.isExhausted { clockQueue.push(.init(nextRun: schedule.nextRun, key: schedule.key)) }
        } else {
            taggedKeys.insert(schedule.key)
        }
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

    /// Whether `s`'s next job may run now; `ignoringPause` is a planted bug (`schedule.pause`).
    func isDue(_ s: Schedule, now: Int64, ignoringPause: Bool = false) -> Bool {
        guard !s.isExhausted else { return false }
        guard let tagID = s.tag, var tag = tags[tagID] else { return s.nextRun <= now }
        if ignoringPause { tag.pauseAt = nil }
        return tag.allows(s.nextRun, now: now)
    }

    /// The next job to run: the earliest due one, ties broken by schedule key. The untagged
    /// schedules come from the due queue (its top only); the tagged ones are each checked.
    func nextDue(now: Int64, ignoringPause: Bool = false) -> DueJob? {
        var best: (key: String, schedule: Schedule)?
        while let top = clockQueue.min {
            guard let s = schedules[top.key], s.tag == nil, !s.isExhausted, s.nextRun == top.nextRun else {
                clockQueue.popMin()
                continue
            }
            if s.nextRun <= now { best = (top.key, s) }
            break
        }
        for key in taggedKeys {
            guard let s = schedules[key], isDue(s, now: now, ignoringPause: ignoringPause) else { continue }
            if let b = best, b.schedule.nextRun < s.nextRun || (b.schedule.nextRun == s.nextRun && b.key < key) { continue }
            best = (key, s)
        }
        // Only the job's identity leaves: holding the schedule would make `record` copy its jobs.
        return best.map { DueJob(key: $0.key, name: $0.schedule.name, resource: $0.schedule.resource, tag: $0.schedule.tag,
            effectiveTime: $0.schedule.nextRun) }
    }

    func record(_ due: DueJob, _ job: Schedule.Job) {
        schedules[due.key]?.record(job)
        if let s = schedules[due.key], s.tag == nil, !s.isExhausted { clockQueue.push(.init(nextRun: s.nextRun, key: due.key)) }
    }
}

/// The job a schedule has due next: which schedule, and its effective time.
struct DueJob {
    let key: String
    let name: Schedule.Name
    let resource: String
    let tag: String?
    let effectiveTime: Int64
}

extension Scheduler {
    /// The agent's two schedules and its pool's, each bound to its tag in `tags` if any.
    func addAgentSchedules(_ agent: Agent, tags: [Schedule.Name: String] = [:], now: Int64) {
        for name in Schedule.Name.allCases {
            add(name, resource: name.isAgentSchedule ? agent.id : agent.poolID, openedAt: agent.openingTime, tag: tags[name], now: now)
        }
    }
}
