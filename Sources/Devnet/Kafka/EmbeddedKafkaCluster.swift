import CRdKafka
import Foundation
import Networks
import Synchronization

/// librdkafka's in-process mock Kafka cluster: real brokers on localhost ports that producers,
/// consumers and tools such as `kcat` reach through `bootstrapServers`, like any cluster.
///
/// The devnet topics are created up front, so the first event needs no topic auto-creation.
public final class EmbeddedKafkaCluster: Sendable {
    /// The brokers' `host:port` list, for `bootstrap.servers`.
    public let bootstrapServers: String
    /// Broker ids run from 1 to `brokerCount`.
    public let brokerCount: Int
    /// Partitions of each pre-created topic.
    public let partitionsPerTopic: Int

    private let handles: Mutex<MockCluster?>

    /// Used only under the lock, or by `shutdown()` after taking it out; so it may cross threads.
    private struct MockCluster: @unchecked Sendable {
        let cluster: OpaquePointer
        let owner: KafkaHandle
    }

    /// Starts the cluster and creates `topics` with `partitionsPerTopic` partitions each.
    public init(brokers: Int = 1, partitionsPerTopic: Int = 3, topics: [String] = DevnetTopic.all) throws(KafkaError) {
        guard brokers >= 1, partitionsPerTopic >= 1 else {
            throw .mockClusterFailed(
                message: "needs at least one broker and one partition per topic (got \(brokers), \(partitionsPerTopic))")
        }
        // The mock cluster lives on a client handle; this producer exists only to own it.
        // The mock brokers' sockets take the owner's settings: without Nagle disabled, small
        // responses (offset queries) wait ~40 ms for the client's delayed ACK.
        let owner = try KafkaClient.make(
            .producer, defaults: [("client.id", "ledgerqa-embedded-kafka"), ("socket.nagle.disable", "true")])
        guard let cluster = rd_kafka_mock_cluster_new(owner.raw, Int32(clamping: brokers)) else {
            rd_kafka_destroy(owner.raw)
            throw .mockClusterFailed(message: "rd_kafka_mock_cluster_new failed for \(brokers) broker(s)")
        }
        for topic in topics {
            let err = rd_kafka_mock_topic_create(
                cluster, topic, Int32(clamping: partitionsPerTopic), Int32(clamping: min(brokers, 3)))
            Self.letMockThreadSettle()
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                rd_kafka_mock_cluster_destroy(cluster)
                rd_kafka_destroy(owner.raw)
                throw .mockClusterFailed(message: "could not create topic \(topic): \(KafkaClient.describe(err))")
            }
        }
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        brokerCount = brokers
        self.partitionsPerTopic = partitionsPerTopic
        handles = Mutex(MockCluster(cluster: cluster, owner: owner))
    }

    /// Like `init`, but on a thread of its own: librdkafka 2.0.2's mock cluster sometimes
    /// takes a second to create a topic, which should not hold a thread of the cooperative pool.
    public static func start(
        brokers: Int = 1, partitionsPerTopic: Int = 3, topics: [String] = DevnetTopic.all
    ) async throws(KafkaError) -> EmbeddedKafkaCluster {
        try await KafkaClient.offPool("ledgerqa.kafka.mock.start") { () throws(KafkaError) in
            try EmbeddedKafkaCluster(brokers: brokers, partitionsPerTopic: partitionsPerTopic, topics: topics)
        }
    }

    deinit { shutdown() }

    /// Disconnects broker `id` and refuses new connections to it until `setBrokerUp(_:)`.
    /// Partition leadership does not move.
    public func setBrokerDown(_ id: Int32) throws(KafkaError) {
        try change(id, "down") { rd_kafka_mock_broker_set_down($0, id) }
    }

    /// Lets broker `id` accept connections again.
    public func setBrokerUp(_ id: Int32) throws(KafkaError) {
        try change(id, "up") { rd_kafka_mock_broker_set_up($0, id) }
    }

    /// Stops the brokers; connected clients see them as down. Calling it again does nothing.
    public func shutdown() {
        guard let mock = handles.withLock({ h in defer { h = nil }; return h }) else { return }
        rd_kafka_mock_cluster_destroy(mock.cluster)
        rd_kafka_destroy(mock.owner.raw)
    }

    /// librdkafka 2.0.2's mock thread answers an operation, then drains its wake-up pipe; an
    /// operation queued in between finds the wake-up already sent and waits for the thread's
    /// 1 s poll timeout. A millisecond after each operation lets the drain happen first.
    private static func letMockThreadSettle() { Thread.sleep(forTimeInterval: 0.001) }

    private func change(
        _ id: Int32, _ state: String, _ body: (OpaquePointer) -> rd_kafka_resp_err_t
    ) throws(KafkaError) {
        let err = handles.withLock { h in
            defer { Self.letMockThreadSettle() }
            return h.map { body($0.cluster) }
        }
        guard let err else { throw .mockClusterFailed(message: "cannot set broker \(id) \(state): the cluster is shut down") }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .mockClusterFailed(message: "cannot set broker \(id) \(state): \(KafkaClient.describe(err))")
        }
    }
}
