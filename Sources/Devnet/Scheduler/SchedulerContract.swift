import Networks

/// `scheduler` (SPEC 7): the admin's schedule tags, and reads of schedules and their jobs.
///
/// Writes are admin-only transactions (40,000 gas); reads are `nat_call`s anyone may make.
enum SchedulerContract {
    typealias E = SchedulerError

    static let interface = ContractInterface(name: "scheduler", writes: writes, reads: reads)

    static let tag = ParamSpec("tag", .string)
    static let schedule = ParamSpec("schedule", .oneOf(Schedule.Name.allCases.map(\.rawValue)))

    static let writes: [WriteMethod] = [
        WriteMethod(name: "create_tag", gas: 40_000, params: [
            tag, ParamSpec("pause_at", .integer, required: false), ParamSpec("fast_forward_until", .integer, required: false),
            ParamSpec("paused", .boolean, required: false),
        ]) { p throws(RPCError) in
            let id = try tagID(p)
            let paused = p.has("paused") ? try p.bool("paused") : true
            guard paused || !p.has("pause_at") else { throw invalidParams("params.pause_at: not allowed with \"paused\": false") }
            let pauseAt = try time(p, "pause_at") ?? (paused ? 0 : nil)
            let fastForward = try time(p, "fast_forward_until")
            return { x throws(ContractError) in
                try x.require(x.sender == x.ledger.adminAddress, .schedulerAdminOnly, or: E.unauthorized)
                try x.require(x.ledger.scheduler.tags[id] == nil, .schedulerTagUnique, or: E.tagExists)
                let created = ScheduleTag(id: id, pauseAt: pauseAt, fastForwardUntil: fastForward)
                x.ledger.scheduler.tags[id] = created
                x.ledger.events.stage(type: "ScheduleTagCreated", resource: id, timestamp: x.blockTime, data: created.json)
                return created.json
            }
        },
        // A param given as null unsets it; a param left out keeps its value.
        WriteMethod(name: "update_tag", gas: 40_000, params: [
            tag, ParamSpec("pause_at", .integer, required: false), ParamSpec("fast_forward_until", .integer, required: false),
        ]) { p throws(RPCError) in
            let id = try tagID(p)
            let pauseAt = try time(p, "pause_at")
            let fastForward = try time(p, "fast_forward_until")
            let unset = (pause: p.values["pause_at"] == .null, fastForward: p.values["fast_forward_until"] == .null)
            return { x throws(ContractError) in
                try x.require(x.sender == x.ledger.adminAddress, .schedulerAdminOnly, or: E.unauthorized)
                guard var updated = x.ledger.scheduler.tags[id] else { throw E.unknownTag }
                if let pauseAt { updated.pauseAt = pauseAt } else if unset.pause { updated.pauseAt = nil }
                if let fastForward { updated.fastForwardUntil = fastForward } else if unset.fastForward { updated.fastForwardUntil = nil }
                x.ledger.scheduler.tags[id] = updated
                x.ledger.events.stage(type: "ScheduleTagUpdated", resource: id, timestamp: x.blockTime, data: updated.json)
                return updated.json
            }
        },
    ]

    static let reads: [ReadMethod] = [
        ReadMethod(name: "get_tag", params: [tag]) { p throws(RPCError) in
            let id = try p.string("tag")
            return { ledger, _ throws(ContractError) in
                guard let tag = ledger.scheduler.tags[id] else { throw E.unknownTag }
                return tag.json
            }
        },
        ReadMethod(name: "list_schedules", params: [ParamSpec("resource", .string)]) { p throws(RPCError) in
            let resource = try p.string("resource")
            return { ledger, _ in .array(ledger.scheduler.schedules(of: resource).map(\.json)) }
        },
        ReadMethod(name: "list_jobs", params: [
            ParamSpec("resource", .string), schedule, ParamSpec("since", .integer, required: false),
        ]) { p throws(RPCError) in
            let resource = try p.string("resource")
            let name = Schedule.Name(rawValue: try p.string("schedule")) ?? .payRedemptions
            let since = try p.optionalInt("since") ?? 0
            return { ledger, _ throws(ContractError) in
                guard let schedule = ledger.scheduler.schedule(name, of: resource) else { throw E.unknownSchedule }
                return .array(schedule.keptRuns.filter { $0.effectiveTime >= since }.map(\.json))
            }
        },
    ]

    /// A tag id: 1 to 128 characters of letters, digits and `.`, `_`, `:`, `-`.
    static func tagID(_ p: Params) throws(RPCError) -> String {
        let id = try p.string("tag")
        let allowed = id.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x3A || c == 0x2D
        }
        guard (1...128).contains(id.utf8.count), allowed else {
            throw invalidParams("params.tag: expected 1 to 128 letters, digits, '.', '_', ':' or '-', got \"\(id)\"")
        }
        return id
    }

    /// A time param in seconds since the epoch, never negative.
    static func time(_ p: Params, _ name: String) throws(RPCError) -> Int64? {
        guard let t = try p.optionalInt(name) else { return nil }
        guard t >= 0 else { throw invalidParams("params.\(name): expected seconds since the epoch (>= 0), got \(t)") }
        return t
    }
}

/// Errors of `scheduler`, each naming its cause; codes are listed in docs/API.md.
enum SchedulerError {
    static func e(_ code: Int, _ name: String) -> ContractError { ContractError(contract: "scheduler", code: code, name: name) }

    static let unauthorized = e(1, "Unauthorized")
    static let unknownTag = e(2, "UnknownTag")
    static let tagExists = e(3, "TagExists")
    static let unknownSchedule = e(4, "UnknownSchedule")
}
