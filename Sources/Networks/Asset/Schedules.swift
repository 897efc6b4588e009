/// Typed reads and admin call builders of the devnet's `scheduler` (SPEC 7): schedule tags,
/// the schedules of a resource and their jobs. The calls must be sent by the admin account.
public struct Schedules: Sendable {
    public let chain: NativeChain
    /// The scheduler's contract id (from `devnet_info.contracts`).
    public let id: String

    public init(chain: NativeChain, id: String = "scheduler") {
        self.chain = chain
        self.id = id
    }

    /// How `update_tag` changes one of the tag's times.
    public enum TimeUpdate: Sendable, Hashable {
        case keep
        case set(Int64)
        case unset
    }

    func read(_ method: String, _ args: [String: JSON]) async throws -> JSON {
        try await chain.call(Call(contract: id, method: method, args: args))
    }

    // MARK: reads

    public func tag(_ tag: String) async throws -> ScheduleTagInfo {
        try ScheduleTagInfo(json: try await read("get_tag", ["tag": .string(tag)]))
    }

    /// The resource's schedules (an agent has two, a pool one).
    public func schedules(of resource: String) async throws -> [ScheduleInfo] {
        let list = try await read("list_schedules", ["resource": .string(resource)])
        guard let items = list.arrayValue else { throw DecodingFailure("list_schedules: expected an array, got \(list)") }
        return try items.map { item throws(DecodingFailure) in try ScheduleInfo(json: item) }
    }

    /// One schedule of the resource; throws when the resource has no such schedule.
    public func schedule(_ name: ScheduleName, of resource: String) async throws -> ScheduleInfo {
        guard let schedule = try await schedules(of: resource).first(where: { $0.name == name }) else {
            throw DecodingFailure("list_schedules: \(resource) has no \(name.rawValue) schedule")
        }
        return schedule
    }

    /// The schedule's jobs with an effective time ≥ `since`, in run order. The filter is applied
    /// here: SPEC 7's listing takes the resource and the schedule only.
    public func jobs(_ name: ScheduleName, of resource: String, since: Int64 = 0) async throws -> [ScheduleJob] {
        let list = try await read("list_jobs", ["resource": .string(resource), "schedule": .string(name.rawValue)])
        guard let items = list.arrayValue else { throw DecodingFailure("list_jobs: expected an array, got \(list)") }
        return try items.map { item throws(DecodingFailure) in try ScheduleJob(json: item) }.filter { $0.effectiveTime >= since }
    }

    // MARK: admin calls

    /// Creates the tag `tag`, paused at the epoch unless `pauseAt` is given or `paused` is false.
    public func createTag(_ tag: String, pauseAt: Int64? = nil, fastForwardUntil: Int64? = nil, paused: Bool = true) -> Call {
        var args: [String: JSON] = ["tag": .string(tag)]
        if let pauseAt { args["pause_at"] = .int(pauseAt) }
        if let fastForwardUntil { args["fast_forward_until"] = .int(fastForwardUntil) }
        if !paused { args["paused"] = false }
        return Call(contract: id, method: "create_tag", args: args)
    }

    public func updateTag(_ tag: String, pauseAt: TimeUpdate = .keep, fastForwardUntil: TimeUpdate = .keep) -> Call {
        var args: [String: JSON] = ["tag": .string(tag)]
        for (name, update) in [("pause_at", pauseAt), ("fast_forward_until", fastForwardUntil)] {
            switch update {
            case .keep: break
            case .set(let t): args[name] = .int(t)
            case .unset: args[name] = .null
            }
        }
        return Call(contract: id, method: "update_tag", args: args)
    }
}
