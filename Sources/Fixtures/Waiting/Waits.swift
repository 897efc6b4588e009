public import Networks
import Synchronization

/// The dedicated waits of DESIGN "Waiting", each built on `Retry`. With Kafka on (the test has a
/// consumer) they wake on events instead of sleeping between reads; without it they poll the
/// API. A wait that only Kafka can answer (`event`) throws `KafkaRequired` when Kafka is off.
public enum Waits {
    /// The default retry of the waits: 30 s, from 50 ms growing to 1 s.
    public static let retry = Retry(timeout: .seconds(30), interval: .milliseconds(50), backoff: 1.5, maxInterval: .seconds(1))

    /// A pause that ends when the consumer receives its next event or after the interval. A
    /// consumer that is closed or cut short pauses the whole interval, so the wait polls the
    /// API at its own pace instead of spinning.
    static func pause(_ events: KafkaEventConsumer?) -> (@Sendable (Duration) async throws -> Void)? {
        guard let events else { return nil }
        return { interval in
            do throws(KafkaError) {
                _ = try await events.received(atLeast: events.stats.received + 1, timeout: interval)
            } catch {
                if case .timedOut = error { return }
                try await Task.sleep(for: interval)
            }
        }
    }

    /// The job of `schedule` for `resource` effective at `effectiveTime`, once it ran. It
    /// polls the jobs listing, and with Kafka on it also watches for the job's
    /// `ScheduleJobCompleted` / `ScheduleJobFailed` event and wakes on every event, so a
    /// lost event or a broker that went down only slows it to polling. A timeout names the
    /// job, the listing last seen, what Kafka delivered, and how long it waited.
    public static func scheduleJob(
        _ schedule: ScheduleName, of resource: String, effectiveTime: Int64, schedules: Schedules,
        events: KafkaEventConsumer?, timeout: Duration = .seconds(30)
    ) async throws -> ScheduleJob {
        let description = "the \(schedule.rawValue) job of \(resource) effective \(effectiveTime)"
        let watch = JobWatch(schedule: schedule, resource: resource, effectiveTime: effectiveTime, events: events)
        var retry = retry
        retry.timeout = timeout
        let seen = try await retry.run(description, pause: pause(events), attempt: {
            if let job = watch.fromEvents() { return JobSighting(job: job, listed: nil, kafka: watch.kafkaState) }
            let listed = try await schedules.jobs(schedule, of: resource)
            return JobSighting(job: listed.first { $0.effectiveTime == effectiveTime }, listed: listed, kafka: watch.kafkaState)
        }, until: { $0.job != nil })
        guard let job = seen.job else { throw DecodingFailure("\(description): vanished") }
        return job
    }

    /// The redemption request once its status is `status`.
    public static func redemption(
        _ requestID: Int64, status: String, asset: AssetManager, events: KafkaEventConsumer? = nil,
        retry: Retry = Waits.retry
    ) async throws -> RequestStatus {
        try await retry.run("redemption \(requestID) to be \(status)", pause: pause(events ?? KafkaEvents.bound),
            attempt: { try await asset.redemption(requestID) }, until: { $0.status == status })
    }

    /// The NAT balance of `address` once it equals `expected`.
    public static func balance(
        of address: String, equals expected: Int128, chain: NativeChain, events: KafkaEventConsumer? = nil,
        retry: Retry = Waits.retry
    ) async throws -> Int128 {
        try await retry.run("the NAT balance of \(address)", expecting: expected, pause: pause(events ?? KafkaEvents.bound),
            attempt: { try await chain.balance(of: address) })
    }

    /// The first event of this test matching `predicate`. Only Kafka can answer this wait:
    /// without it, it throws `KafkaRequired`.
    public static func event(
        _ description: String, events: KafkaEventConsumer? = nil, timeout: Duration = .seconds(30),
        where predicate: @escaping @Sendable (Event) -> Bool
    ) async throws -> Event {
        guard let events = events ?? KafkaEvents.bound else { throw KafkaRequired(waitingFor: description, reason: try await Network.shared.kafka().offReason) }
        return try await events.first(where: predicate, timeout: timeout, waitingFor: description).event
    }
}

/// What one look for a schedule job found: the job if it ran, the listing, and Kafka's state.
struct JobSighting: Sendable, CustomStringConvertible {
    let job: ScheduleJob?
    let listed: [ScheduleJob]?
    let kafka: String?

    var description: String {
        let listing = listed.map { jobs in
            jobs.isEmpty ? "no jobs listed" : "jobs listed effective " + jobs.suffix(5).map { "\($0.effectiveTime)" }.joined(separator: ", ")
        } ?? "found on Kafka"
        return listing + (kafka.map { "; Kafka: \($0)" } ?? "; Kafka off")
    }
}

/// The Kafka side of a schedule-job wait: reads each new record once, from where it left off.
final class JobWatch: Sendable {
    let schedule: ScheduleName
    let resource: String
    let effectiveTime: Int64
    let events: KafkaEventConsumer?
    private let cursor = Mutex(0)

    init(schedule: ScheduleName, resource: String, effectiveTime: Int64, events: KafkaEventConsumer?) {
        self.schedule = schedule
        self.resource = resource
        self.effectiveTime = effectiveTime
        self.events = events
    }

    /// The job, if its event arrived since the last look.
    func fromEvents() -> ScheduleJob? {
        guard let events else { return nil }
        return cursor.withLock { index -> ScheduleJob? in
            let new = events.received(from: index)
            index += new.count
            return new.lazy.compactMap { record -> ScheduleJob? in
                let e = record.event
                guard e.resource == self.resource, e.data["schedule"]?.stringValue == self.schedule.rawValue else { return nil }
                return ScheduleJob(event: e).flatMap { $0.effectiveTime == self.effectiveTime ? $0 : nil }
            }.first
        }
    }

    /// How many events Kafka delivered and its last error, for a timeout message.
    var kafkaState: String? {
        guard let events else { return nil }
        let stats = events.stats
        return "\(stats.received) events received" + (stats.lastError.map { ", last broker error: \($0)" } ?? "")
    }
}

extension KafkaAvailability {
    var offReason: String {
        if case .off(let reason) = self { reason } else { "the test has no consumer" }
    }
}
