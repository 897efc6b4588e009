public import Testing

/// Gives every test case it covers a Kafka consumer of its own (`KafkaEventConsumer.current`) on the
/// devnet topics, from the offsets current when the case began. When Kafka is off or unreachable
/// the test is skipped with the reason, decided in `prepare(for:)` so consoles and xUnit report
/// a skip (DESIGN "Fixtures are traits" explains why not `Test.cancel()`).
public struct RequiresKafkaTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func prepare(for test: Test) async throws {
        let availability = try await Network.shared.kafka()
        // A condition trait's prepare throws Testing's own skip, which is what a skip must be.
        try await ConditionTrait.enabled(if: availability.bootstrapServers != nil, Comment(rawValue: availability.offReason))
            .prepare(for: test)
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        guard let consumer = try await Network.shared.eventConsumer() else {
            throw KafkaRequired(waitingFor: "a Kafka consumer for \(test.name)", reason: try await Network.shared.kafka().offReason)
        }
        defer { consumer.close() }
        try await KafkaEvents.$bound.withValue(consumer) { try await function() }
    }
}

extension Trait where Self == RequiresKafkaTrait {
    /// A Kafka consumer per test case; skips the test when Kafka is off (`USE_KAFKA=false`) or unreachable.
    public static var requiresKafka: Self { RequiresKafkaTrait() }
}
