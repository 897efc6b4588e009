public import Networks

/// The dedicated waits of DESIGN "Waiting", each built on `Retry`. With Kafka on (the test has a
/// consumer) they wake on events instead of sleeping between reads; without it they poll the
/// API. A wait that only Kafka can answer (`event`) throws `KafkaRequired` when Kafka is off.
public enum Waits {
    /// The default retry of the waits: 30 s, from 50 ms growing to 1 s.
    public static let retry = Retry(timeout: .seconds(30), interval: .milliseconds(50), backoff: 1.5, maxInterval: .seconds(1))

    /// A pause that ends when the consumer receives its next event or after the interval.
    static func pause(_ events: KafkaEventConsumer?) -> (@Sendable (Duration) async throws -> Void)? {
        guard let events else { return nil }
        return { interval in
            _ = try? await events.received(atLeast: events.stats.received + 1, timeout: interval)
        }
    }

    /// The job of `schedule` for `resource` effective at `effectiveTime`, once it ran: its
    /// `ScheduleJobCompleted` / `ScheduleJobFailed` event when Kafka is on, with the jobs listing
    /// as fallback; the listing alone otherwise.
    public static func scheduleJob(
        _ schedule: ScheduleName, of resource: String, effectiveTime: Int64, schedules: Schedules,
        events: KafkaEventConsumer?, timeout: Duration = .seconds(30)
    ) async throws -> ScheduleJob {
        let description = "the \(schedule.rawValue) job of \(resource) effective \(effectiveTime)"
        if let events {
            let record = try? await events.first(where: { e in
                e.resource == resource && e.data["schedule"]?.stringValue == schedule.rawValue
                    && ScheduleJob(event: e)?.effectiveTime == effectiveTime
            }, timeout: timeout, waitingFor: description)
            if let job = record.flatMap({ ScheduleJob(event: $0.event) }) { return job }
        }
        // Without Kafka: poll. With Kafka that timed out: one last look at the listing, which
        // answers if the event was lost, and otherwise reports what it saw.
        var retry = retry
        retry.timeout = events == nil ? timeout : .zero
        let jobs = try await retry.run(description, attempt: { try await schedules.jobs(schedule, of: resource, since: effectiveTime) },
            until: { $0.contains { $0.effectiveTime == effectiveTime } })
        guard let job = jobs.first(where: { $0.effectiveTime == effectiveTime }) else { throw DecodingFailure("\(description): vanished") }
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

extension KafkaAvailability {
    var offReason: String {
        if case .off(let reason) = self { reason } else { "the test has no consumer" }
    }
}
