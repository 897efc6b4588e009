public import Foundation
public import Networks

/// The schedule tags of one test case (`.controlSchedules([...])`): one fresh tag per named
/// schedule, paused at the epoch, bound to the agents and pools the test creates through
/// `createAgent`, so the test decides when their jobs run.
public final class ScheduleControl: Sendable {
    @TaskLocal static var bound: ScheduleControl?

    /// The test case's schedule control; fails with a message naming the trait when it is missing.
    public static var current: ScheduleControl {
        get throws {
            guard let bound else {
                throw FixtureError.traitMissing(resource: "ScheduleControl.current", trait: ".controlSchedules([...])")
            }
            return bound
        }
    }

    /// The tag id bound to each controlled schedule.
    public let tags: [ScheduleName: String]
    public let connection: Connection
    public let schedules: Schedules
    public let asset: AssetManager
    let admin: Account
    /// The test's Kafka consumer when Kafka is on; waits poll the API otherwise.
    public let events: KafkaEventConsumer?

    init(tags: [ScheduleName: String], connection: Connection, admin: Account, events: KafkaEventConsumer?) {
        self.tags = tags
        self.connection = connection
        self.admin = admin
        self.events = events
        self.schedules = Schedules(chain: connection.chain, id: connection.info.contracts["scheduler"] ?? "scheduler")
        self.asset = AssetManager(chain: connection.chain, id: connection.info.contracts["asset_manager"] ?? "asset_manager",
            fundID: connection.info.contracts["fund"] ?? "fund")
    }

    /// Creates a private agent with its pool, opened at `openingTime` (default now; backdate it to
    /// let jobs catch up from the past), whose controlled schedules are bound to this test's tags.
    public func createAgent(
        feeBips: Int64 = 25, openingTime: Date? = nil, freeLots: Int64? = nil, poolCollateral: Int128? = nil,
        vaultCollateral: Int128? = nil, underlyingBalance: Int128? = nil
    ) async throws -> CreatedAgent {
        let call = asset.createAgent(feeBips: feeBips, openingTime: openingTime.map(\.epochSeconds), tags: tags, freeLots: freeLots,
            poolCollateral: poolCollateral, vaultCollateral: vaultCollateral, underlyingBalance: underlyingBalance)
        return try CreatedAgent(json: try await sendAdmin(call))
    }

    /// Runs the next job of `schedule` for `resource` and returns it once it completed.
    ///
    /// Reads the schedule's next run; when `effectiveDate` is given and differs, fails with both
    /// dates. Moves the tag's `pause_at` (next run in the past) or `fast_forward_until` (next run
    /// in the future) to the next run + 1 s, which releases exactly that job, then waits for it
    /// (its Kafka event when Kafka is on, the jobs listing otherwise). A FAILED job throws.
    @discardableResult
    public func triggerNextScheduleJob(
        _ schedule: ScheduleName, for resource: String, effectiveDate: Date? = nil, timeout: Duration = .seconds(30)
    ) async throws -> ScheduleJob {
        let tag = try self.tag(schedule)
        let info = try await schedules.schedule(schedule, of: resource)
        guard info.tag == tag else { throw ScheduleControlError.notControlled(schedule, resource: resource, tag: info.tag) }
        let next = info.nextRun
        if let effectiveDate, effectiveDate.epochSeconds != next {
            throw ScheduleControlError.effectiveDateMismatch(schedule, resource: resource, expected: effectiveDate, nextRun: next)
        }
        let update: Call = next <= Date().epochSeconds
            ? schedules.updateTag(tag, pauseAt: .set(next + 1))
            : schedules.updateTag(tag, fastForwardUntil: .set(next + 1))
        try await sendAdmin(update)
        return try await waitForJob(schedule, of: resource, effectiveTime: next, timeout: timeout)
    }

    /// Runs every job of `schedule` for `resource` due up to `time` by fast-forwarding its tag,
    /// so the resource's time passes `time` (a redemption deadline, say) without sleeping.
    /// Returns the jobs that ran, the last one after its completion; a FAILED job throws.
    @discardableResult
    public func runScheduleJobs(
        _ schedule: ScheduleName, for resource: String, through time: Int64, timeout: Duration = .seconds(30)
    ) async throws -> [ScheduleJob] {
        let tag = try self.tag(schedule)
        let info = try await schedules.schedule(schedule, of: resource)
        guard info.tag == tag else { throw ScheduleControlError.notControlled(schedule, resource: resource, tag: info.tag) }
        guard info.nextRun <= time else { return [] }
        var last = info.nextRun
        var count = 1
        while schedule.next(after: last) <= time {
            last = schedule.next(after: last)
            count += 1
            guard count <= Self.maxJobsPerRun else {
                throw ScheduleControlError.tooManyJobs(schedule, resource: resource, from: info.nextRun, through: time, limit: Self.maxJobsPerRun)
            }
        }
        try await sendAdmin(schedules.updateTag(tag, fastForwardUntil: .set(time)))
        _ = try await waitForJob(schedule, of: resource, effectiveTime: last, timeout: timeout)
        let jobs = try await schedules.jobs(schedule, of: resource, since: info.nextRun).filter { $0.effectiveTime <= time }
        if let failed = jobs.first(where: { $0.status == .failed }) {
            throw ScheduleControlError.jobFailed(schedule, resource: resource, job: failed)
        }
        return jobs
    }

    /// The most jobs `runScheduleJobs` releases at once: more means the test or the node is wrong
    /// (a next run years in the past), and the test fails at once instead of waiting on them.
    public static let maxJobsPerRun = 10_000

    /// The same tags and connection, with waits that watch `events` (or poll only, with nil):
    /// e.g. a consumer whose broker goes down, to prove the waits fall back to polling.
    public func watching(_ events: KafkaEventConsumer?) -> ScheduleControl {
        ScheduleControl(tags: tags, connection: connection, admin: admin, events: events)
    }

    /// Waits for the job of `schedule` for `resource` effective at `effectiveTime`; a FAILED job throws.
    public func waitForJob(
        _ schedule: ScheduleName, of resource: String, effectiveTime: Int64, timeout: Duration = .seconds(30)
    ) async throws -> ScheduleJob {
        let job = try await Waits.scheduleJob(schedule, of: resource, effectiveTime: effectiveTime, schedules: schedules,
            events: events, timeout: timeout)
        guard job.status == .succeeded else { throw ScheduleControlError.jobFailed(schedule, resource: resource, job: job) }
        return job
    }

    func tag(_ schedule: ScheduleName) throws -> String {
        guard let tag = tags[schedule] else { throw ScheduleControlError.notControlledByTrait(schedule, controlled: Array(tags.keys)) }
        return tag
    }

    @discardableResult
    func sendAdmin(_ call: Call) async throws -> JSON {
        let receipt = try await admin.send(call)
        guard receipt.status == .success else { throw ScheduleControlError.adminCallReverted(call.method, receipt: receipt) }
        if let kind = SpecGas.ContractKind.wellKnown(call.contract, info: connection.info) {
            try SpecCharges.check(receipt, for: SpecCall(call, kind: kind))  // SPEC 7's admin calls: 40_000 gas
        }
        return receipt.result ?? .null
    }
}

/// Why schedule control could not do what a test asked; each message says what to change.
public enum ScheduleControlError: Error, Sendable, CustomStringConvertible {
    case effectiveDateMismatch(ScheduleName, resource: String, expected: Date, nextRun: Int64)
    case notControlled(ScheduleName, resource: String, tag: String?)
    case notControlledByTrait(ScheduleName, controlled: [ScheduleName])
    case jobFailed(ScheduleName, resource: String, job: ScheduleJob)
    case adminCallReverted(String, receipt: Receipt)
    case unknownSchedule(String)
    case tooManyJobs(ScheduleName, resource: String, from: Int64, through: Int64, limit: Int)

    public var description: String {
        switch self {
        case .effectiveDateMismatch(let name, let resource, let expected, let next):
            "the next \(name.rawValue) job of \(resource) is effective \(Date(epochSeconds: next).utcString), "
                + "not \(expected.utcString) as the test expected"
        case .notControlled(let name, let resource, let tag):
            "\(name.rawValue) of \(resource) is bound to \(tag.map { "tag \($0)" } ?? "no tag"), not to this test's tag: "
                + "create the resource through ScheduleControl.createAgent"
        case .notControlledByTrait(let name, let controlled):
            "\(name.rawValue) is not controlled by this test: add it to .controlSchedules("
                + "\(controlled.map(\.rawValue).sorted()))"
        case .jobFailed(let name, let resource, let job):
            "the \(name.rawValue) job of \(resource) effective \(Date(epochSeconds: job.effectiveTime).utcString) FAILED: "
                + (job.error ?? "no error given")
        case .unknownSchedule(let name):
            ".controlSchedules: unknown schedule \"\(name)\"; expected one of "
                + ScheduleName.allCases.map(\.rawValue).joined(separator: ", ")
        case .tooManyJobs(let name, let resource, let from, let through, let limit):
            "running \(name.rawValue) of \(resource) from \(Date(epochSeconds: from).utcString) through "
                + "\(Date(epochSeconds: through).utcString) would release more than \(limit) jobs; "
                + "check the schedule's next run (a node that lost its tag or opening time?) or run fewer at once"
        case .adminCallReverted(let method, let receipt):
            "the admin call \(method) reverted: \(receipt.error.map { "\($0)" } ?? "no error given")"
        }
    }
}

extension Date {
    /// Whole seconds since the epoch, as SPEC's times are.
    public var epochSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }

    public init(epochSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(epochSeconds)) }

    /// Midnight UTC of a calendar day, e.g. `.utc(2020, 1, 1)` for a backdated resource.
    public static func utc(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? .distantPast
    }

    /// `2020-01-02T00:00:00Z`.
    var utcString: String { ISO8601DateFormatter().string(from: self) }
}
