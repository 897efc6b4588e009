/// The recurring jobs of SPEC 7: an agent's `PAY_REDEMPTIONS` and `EXPIRE_RESERVATIONS`,
/// a pool's `ACCRUE_POOL_REWARDS`.
public enum ScheduleName: String, Sendable, Hashable, CaseIterable, Codable {
    case payRedemptions = "PAY_REDEMPTIONS"
    case expireReservations = "EXPIRE_RESERVATIONS"
    case accruePoolRewards = "ACCRUE_POOL_REWARDS"

    /// When the job after one due at `t` is due: every 5 s, every 60 s, or the next midnight UTC.
    public func next(after t: Int64) -> Int64 {
        switch self {
        case .payRedemptions: t + 5
        case .expireReservations: t + 60
        case .accruePoolRewards: (t / 86_400 + 1) * 86_400
        }
    }

    /// Whether the schedule belongs to an agent (true) or to its pool (false).
    public var isAgentSchedule: Bool { self != .accruePoolRewards }
}

/// A schedule tag as `scheduler.get_tag` reports it (SPEC 7).
public struct ScheduleTagInfo: Sendable, Hashable {
    public var id: String
    public var pauseAt: Int64?
    public var fastForwardUntil: Int64?

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "tag")
        id = try f.string("id")
        pauseAt = try f.optionalInt("pause_at")
        fastForwardUntil = try f.optionalInt("fast_forward_until")
    }
}

/// A schedule of a resource as `scheduler.list_schedules` reports it.
public struct ScheduleInfo: Sendable, Hashable {
    public var name: ScheduleName
    /// The resource, when the node repeats it (a devnet field; SPEC 7 lists `{name, next_run, tag, last_run}`).
    public var resource: String?
    public var nextRun: Int64
    public var tag: String?
    public var lastRun: Int64?

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "schedule")
        let raw = try f.string("name")
        guard let name = ScheduleName(rawValue: raw) else { throw DecodingFailure("schedule.name: unknown schedule \(raw)") }
        self.name = name
        resource = try f.optionalString("resource")
        nextRun = try f.int("next_run")
        tag = try f.optionalString("tag")
        lastRun = try f.optionalInt("last_run")
    }
}

/// One run of a scheduled job as `scheduler.list_jobs` reports it.
public struct ScheduleJob: Sendable, Hashable, CustomStringConvertible {
    public enum Status: String, Sendable { case succeeded = "SUCCEEDED", failed = "FAILED" }

    public var effectiveTime: Int64
    public var status: Status
    public var completedAt: Int64
    /// The contract error's name when the job failed.
    public var error: String?

    public init(effectiveTime: Int64, status: Status, completedAt: Int64, error: String?) {
        self.effectiveTime = effectiveTime
        self.status = status
        self.completedAt = completedAt
        self.error = error
    }

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "job")
        effectiveTime = try f.int("effective_time")
        let raw = try f.string("status")
        guard let status = Status(rawValue: raw) else { throw DecodingFailure("job.status: unknown status \(raw)") }
        self.status = status
        completedAt = try f.int("completed_at")
        error = try f.optionalString("error")
    }

    /// A job from its `ScheduleJobCompleted` / `ScheduleJobFailed` event, or nil for other events.
    public init?(event: Event) {
        guard event.type == "ScheduleJobCompleted" || event.type == "ScheduleJobFailed",
            let t = event.data["effective_time"]?.intValue
        else { return nil }
        self.init(effectiveTime: t, status: event.type == "ScheduleJobCompleted" ? .succeeded : .failed,
            completedAt: event.timestamp, error: event.data["error"]?.stringValue)
    }

    public var description: String {
        "\(status.rawValue) job effective \(effectiveTime)" + (error.map { " (\($0))" } ?? "")
    }
}

/// What `asset_manager.create_agent` returns: the new agent's id and its pool's id.
public struct CreatedAgent: Sendable, Hashable {
    public var agent: String
    public var pool: String

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "create_agent")
        agent = try f.string("agent")
        pool = try f.string("pool")
    }
}
