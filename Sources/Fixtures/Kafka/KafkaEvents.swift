public import Networks

/// The running test's Kafka consumer, bound by `.requiresKafka` (or by `.controlSchedules`
/// when Kafka is on), reading the devnet topics from the offsets current when the test began.
enum KafkaEvents {
    @TaskLocal static var bound: KafkaEventConsumer?
}

extension KafkaEventConsumer {
    /// The running test's consumer, bound by `.requiresKafka`; fails with a message naming the
    /// trait when it is missing.
    public static var current: KafkaEventConsumer {
        get throws {
            guard let bound = KafkaEvents.bound else {
                throw FixtureError.traitMissing(resource: "KafkaEventConsumer.current", trait: ".requiresKafka")
            }
            return bound
        }
    }
}

/// Whether this run has Kafka, and the reason when it has not.
public enum KafkaAvailability: Sendable, Equatable {
    case on(bootstrapServers: String)
    case off(reason: String)

    public var bootstrapServers: String? {
        if case .on(let servers) = self { servers } else { nil }
    }
}

/// A wait that only the event stream can answer was asked for while Kafka is off.
public struct KafkaRequired: Error, Sendable, CustomStringConvertible {
    public let waitingFor: String
    public let reason: String

    public var description: String {
        "waiting for \(waitingFor) needs Kafka, which is off (\(reason)); add .requiresKafka to the test so it is skipped without Kafka"
    }
}
