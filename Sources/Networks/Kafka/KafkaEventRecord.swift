/// An event as a consumer received it from Kafka, with where it was stored and when it arrived.
public struct KafkaEventRecord: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// The message key: the event's resource id.
    public var key: String
    public var event: Event
    /// When the consumer's poll thread decoded the message.
    public var receivedAt: ContinuousClock.Instant

    public init(
        topic: String, partition: Int32, offset: Int64, key: String, event: Event, receivedAt: ContinuousClock.Instant
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.event = event
        self.receivedAt = receivedAt
    }
}

/// A partition of a topic and an offset in it, e.g. where a consumer started reading.
public struct KafkaPartitionOffset: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    public var description: String { "\(topic) [\(partition)] @\(offset)" }
}

/// What a consumer has seen so far, for diagnostics and tests.
public struct KafkaConsumerStats: Sendable, Hashable {
    /// Events decoded and kept.
    public var received: Int
    /// Messages whose value was not an event's JSON; they are counted and skipped.
    public var undecodable: Int
    /// Messages at an offset already seen on their partition, dropped.
    public var duplicatesDropped: Int
    /// Errors librdkafka reported (broker down, transport); the consumer keeps polling.
    public var errors: Int
    public var lastError: String?

    public init(received: Int = 0, undecodable: Int = 0, duplicatesDropped: Int = 0, errors: Int = 0, lastError: String? = nil) {
        self.received = received
        self.undecodable = undecodable
        self.duplicatesDropped = duplicatesDropped
        self.errors = errors
        self.lastError = lastError
    }
}
