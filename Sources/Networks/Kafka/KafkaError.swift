/// Why a Kafka client could not be set up, or why a wait for an event ended without one.
public enum KafkaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// librdkafka refused a configuration property.
    case configRejected(key: String, value: String, message: String)
    /// `rd_kafka_new` failed, e.g. because of an inconsistent configuration.
    case clientCreationFailed(role: String, message: String)
    /// The brokers did not answer a metadata request in time.
    case metadataFailed(brokers: String, timeout: Duration, message: String)
    /// The metadata named a topic but reported an error for it.
    case topicUnavailable(topic: String, brokers: String, message: String)
    /// The high watermark of a partition could not be read in time.
    case watermarkQueryFailed(topic: String, partition: Int32, brokers: String, timeout: Duration, message: String)
    /// The consumer could not assign itself the partitions.
    case assignFailed(brokers: String, message: String)
    /// No event matched before the timeout.
    case timedOut(waitingFor: String, after: Duration, eventsSeen: Int)
    /// The consumer was closed while a wait was in progress.
    case consumerClosed(waitingFor: String, eventsSeen: Int)
    /// The task waiting for an event was cancelled.
    case waitCancelled(waitingFor: String)
    /// The embedded (mock) cluster could not be created or changed.
    case mockClusterFailed(message: String)

    public var description: String {
        switch self {
        case .configRejected(let key, let value, let message):
            "Kafka configuration \(key)=\(Self.redacted(key: key, value: value)) was rejected: \(message)"
        case .clientCreationFailed(let role, let message):
            "could not create the Kafka \(role): \(message)"
        case .metadataFailed(let brokers, let timeout, let message):
            "Kafka brokers \(brokers) did not answer a metadata request within \(Self.format(timeout)): \(message);"
                + " check that they are reachable (KAFKA_BROKERS) or set USE_KAFKA=false"
        case .topicUnavailable(let topic, let brokers, let message):
            "Kafka topic \(topic) on \(brokers) is unavailable: \(message)"
        case .watermarkQueryFailed(let topic, let partition, let brokers, let timeout, let message):
            "could not read the end offset of \(topic) [\(partition)] from \(brokers) within \(Self.format(timeout)): \(message)"
        case .assignFailed(let brokers, let message):
            "could not assign the Kafka consumer for \(brokers) its partitions: \(message)"
        case .timedOut(let what, let timeout, let seen):
            "timed out after \(Self.format(timeout)) waiting for \(what) on Kafka; \(seen) event(s) were received meanwhile"
        case .consumerClosed(let what, let seen):
            "the Kafka consumer was closed while waiting for \(what); \(seen) event(s) had been received"
        case .waitCancelled(let what):
            "the wait for \(what) on Kafka was cancelled"
        case .mockClusterFailed(let message):
            "embedded Kafka cluster: \(message)"
        }
    }

    /// Secrets (SASL passwords, OAuth secrets) never appear in messages.
    static func redacted(key: String, value: String) -> String {
        let lower = key.lowercased()
        return lower.contains("password") || lower.contains("secret") ? "<redacted>" : value
    }

    static func format(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
