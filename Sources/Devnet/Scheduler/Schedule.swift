import Networks

/// A recurring job of one resource (SPEC 7): an agent's `PAY_REDEMPTIONS` and
/// `EXPIRE_RESERVATIONS`, a pool's `ACCRUE_POOL_REWARDS`.
struct Schedule {
    typealias Name = ScheduleName

    /// One run of a job, as the jobs listing reports it.
    struct Job {
        enum Status: String { case succeeded = "SUCCEEDED", failed = "FAILED" }
        let effectiveTime: Int64
        let status: Status
        let completedAt: Int64
        let error: String?

        var json: JSON {
            ["effective_time": .int(effectiveTime), "status": .string(status.rawValue), "completed_at": .int(completedAt),
             "error": error.map { .string($0) } ?? .null]
        }
    }

    /// Jobs kept per schedule for the listing; older ones are dropped.
    static let keptJobs = 1_000

    let name: Name
    let resource: String
    var tag: String?
    var nextRun: Int64
    var lastRun: Int64? = nil
    var jobs: [Job] = []
    /// Set when the next run would lie past the end of 64-bit time: the schedule has no more jobs.
    var isExhausted = false

    var key: String { "\(resource)/\(name.rawValue)" }

    /// Records a run and moves on to the next. Old runs are dropped in chunks, so keeping the
    /// last `keptJobs` costs O(1) per run.
    mutating func record(_ job: Job) {
        lastRun = job.effectiveTime
        advance(after: job.effectiveTime)
        jobs.append(job)
        if jobs.count >= 2 * Self.keptJobs { jobs.removeFirst(jobs.count - Self.keptJobs) }
    }

    /// The runs the jobs listing reports: the last `keptJobs`.
    var keptRuns: ArraySlice<Job> { jobs.suffix(Self.keptJobs) }

    /// Moves `nextRun` to the first run after `t` (SPEC 7), with checked arithmetic.
    mutating func advance(after t: Int64) {
        let next: (partialValue: Int64, overflow: Bool)
        switch name {
        case .payRedemptions: next = t.addingReportingOverflow(5)
        case .expireReservations: next = t.addingReportingOverflow(60)
        case .accruePoolRewards:
            // The first midnight after t: floor(t / 86_400) + 1 days (t ≥ 0 here).
            let (days, o) = (t / 86_400).addingReportingOverflow(1)
            next = o ? (0, true) : days.multipliedReportingOverflow(by: 86_400)
        }
        if next.overflow { isExhausted = true } else { nextRun = next.partialValue }
    }

    var json: JSON {
        ["name": .string(name.rawValue), "resource": .string(resource), "next_run": .int(nextRun),
         "tag": tag.map { .string($0) } ?? .null, "last_run": lastRun.map { .int($0) } ?? .null]
    }
}

/// A schedule tag (SPEC 7): it pauses its schedules at `pause_at` and runs their jobs
/// early up to `fast_forward_until`.
struct ScheduleTag {
    let id: String
    var pauseAt: Int64?
    var fastForwardUntil: Int64?

    /// Whether a job due at `t` may run now under this tag.
    func allows(_ t: Int64, now: Int64) -> Bool {
        if let until = fastForwardUntil, t <= until { return true }
        return t <= now && (pauseAt.map { t <= $0 } ?? true)
    }

    var json: JSON {
        ["id": .string(id), "pause_at": pauseAt.map { .int($0) } ?? .null,
         "fast_forward_until": fastForwardUntil.map { .int($0) } ?? .null]
    }
}
