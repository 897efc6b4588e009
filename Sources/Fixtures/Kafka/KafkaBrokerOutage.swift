#if EmbeddedDevnet
import Devnet
public import Networks

/// A Kafka consumer on a broker of the test's own, which the test can take down: for proving
/// that waits survive a Kafka outage by polling the API (the harness's own tests).
///
/// The broker is a private librdkafka mock cluster with the devnet topics, so taking it down
/// touches no other test. The devnet never publishes there: from a wait's point of view the
/// broker is silent, then gone.
///
/// ```swift
/// let outage = try await KafkaBrokerOutage.start()
/// try await outage.takeDown()                              // the consumer now reports errors
/// let control = try ScheduleControl.current.watching(outage.consumer)
/// try await control.triggerNextScheduleJob(.payRedemptions, for: agent)   // polls instead
/// ```
public final class KafkaBrokerOutage: Sendable {
    /// The consumer whose broker goes down.
    public let consumer: KafkaEventConsumer
    private let cluster: EmbeddedKafkaCluster

    private init(consumer: KafkaEventConsumer, cluster: EmbeddedKafkaCluster) {
        self.consumer = consumer
        self.cluster = cluster
    }

    /// Starts the private broker and connects a consumer to it.
    public static func start() async throws -> KafkaBrokerOutage {
        let cluster = try await EmbeddedKafkaCluster.start(brokers: 1, partitionsPerTopic: 1)
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        return KafkaBrokerOutage(consumer: consumer, cluster: cluster)
    }

    /// Takes the broker down and returns once the consumer has reported the outage.
    public func takeDown(timeout: Duration = .seconds(30)) async throws {
        try cluster.setBrokerDown(1)
        _ = try await consumer.stats(where: { $0.errors > 0 }, timeout: timeout, waitingFor: "the consumer to report its broker down")
    }

    /// Closes the consumer and stops the broker.
    public func close() {
        consumer.close()
        cluster.shutdown()
    }

    deinit { close() }
}
#endif
