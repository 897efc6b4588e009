import CRdKafka
import Networks
import Synchronization

/// Publishes devnet events to Kafka (SPEC 8): topic by event type, key = resource id,
/// value = the event's canonical JSON.
///
/// Events with the same key keep their order: the default partitioner sends one key to one
/// partition, and the idempotent producer keeps order across retries and reconnects.
/// A thread of its own serves delivery reports, which `stats` counts.
public final class KafkaEventProducer: Sendable {
    /// The brokers this producer writes to, as given.
    public let bootstrapServers: String

    private let reports = KafkaDeliveryReports()
    private let client: Mutex<OpenProducer?>
    private let poller: KafkaPollThread

    /// The client and the topic handles it keeps, so their metadata stays cached.
    private struct OpenProducer: @unchecked Sendable {
        let rk: KafkaHandle
        let topics: [OpaquePointer]

        func destroy() {
            for topic in topics { rd_kafka_topic_destroy(topic) }
            rd_kafka_destroy(rk.raw)
        }
    }

    /// Connects and fetches the metadata of `topics`, so the first event is not held back
    /// by a metadata refresh (librdkafka looks up unknown topics once a second).
    ///
    /// - Parameters:
    ///   - timeout: how long the metadata queries may take in all.
    ///   - config: extra librdkafka properties; they override the defaults.
    public init(
        bootstrapServers: String, topics: [String] = DevnetTopic.all, timeout: Duration = .seconds(10),
        config: [String: String] = [:]
    ) throws(KafkaError) {
        self.bootstrapServers = bootstrapServers
        let defaults = KafkaClient.connection(bootstrapServers) + [
            // Retries after a reconnect keep per-partition order and never duplicate.
            // librdkafka 2.0.2's mock cluster supports the idempotent producer.
            ("enable.idempotence", "true"),
            ("linger.ms", "0"),
        ]
        let reports = reports
        let rk = try KafkaClient.make(.producer, defaults: defaults, overrides: config) { reports.install(on: $0) }
        let deadline = ContinuousClock.now + timeout
        var handles: [OpaquePointer] = []
        for topic in topics {
            guard let rkt = rd_kafka_topic_new(rk.raw, topic, nil) else { continue }
            handles.append(rkt)
            var metadata: UnsafePointer<rd_kafka_metadata_t>?
            let err = rd_kafka_metadata(rk.raw, 0, rkt, &metadata, KafkaClient.remaining(until: deadline))
            if let metadata { rd_kafka_metadata_destroy(metadata) }
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                OpenProducer(rk: rk, topics: handles).destroy()
                throw .metadataFailed(brokers: bootstrapServers, timeout: timeout, message: KafkaClient.describe(err))
            }
        }
        client = Mutex(OpenProducer(rk: rk, topics: handles))
        poller = KafkaPollThread(name: "ledgerqa.kafka.producer") { _ = rd_kafka_poll(rk.raw, 50) }
    }

    /// Like `init`, but the metadata queries run on a thread of their own: use it from async
    /// code, where waiting `timeout` for unreachable brokers would hold a cooperative thread.
    public static func connect(
        bootstrapServers: String, topics: [String] = DevnetTopic.all, timeout: Duration = .seconds(10),
        config: [String: String] = [:]
    ) async throws(KafkaError) -> KafkaEventProducer {
        try await KafkaClient.offPool("ledgerqa.kafka.producer.setup") { () throws(KafkaError) in
            try KafkaEventProducer(bootstrapServers: bootstrapServers, topics: topics, timeout: timeout, config: config)
        }
    }

    deinit { close() }

    /// Queues `events` in order without waiting for the brokers. On a full local queue it
    /// serves delivery reports and retries rather than dropping; after `close()` the events
    /// count as failed. Calls are serialized, so one call's events stay together.
    public func publish(_ events: [Event]) {
        client.withLock { open in
            guard let open else {
                for event in events {
                    reports.noteProduced()
                    reports.noteFailed("event \(event.seq) published after the producer was closed")
                }
                return
            }
            for event in events { produce(event, on: open.rk) }
        }
    }

    /// Counts of produced, delivered and failed events, and the last error.
    public var stats: KafkaDeliveryStats { reports.snapshot }

    /// Waits up to `timeout` until every queued event is delivered or failed; `false` if some
    /// are still in flight. Publishers wait meanwhile.
    public func flush(timeout: Duration) -> Bool {
        client.withLock { open in
            guard let open else { return reports.snapshot.inFlight == 0 }
            return rd_kafka_flush(open.rk.raw, KafkaClient.milliseconds(timeout)) == RD_KAFKA_RESP_ERR_NO_ERROR
        }
    }

    /// Like `flush(timeout:)`, but waits on a thread of its own instead of a cooperative one.
    public func flush(timeout: Duration) async -> Bool {
        await KafkaClient.offPool("ledgerqa.kafka.producer.flush") { () -> Bool in self.flush(timeout: timeout) }
    }

    /// Flushes for up to `flushTimeout`, fails what is left, and disconnects. Calling it again
    /// does nothing.
    public func close(flushTimeout: Duration = .seconds(5)) {
        guard let open = client.withLock({ c in defer { c = nil }; return c }) else { return }
        poller.stop()
        _ = rd_kafka_flush(open.rk.raw, KafkaClient.milliseconds(flushTimeout))
        _ = rd_kafka_purge(open.rk.raw, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        _ = rd_kafka_poll(open.rk.raw, 0)  // delivery reports of purged events count them as failed
        open.destroy()
    }

    private func produce(_ event: Event, on rk: KafkaHandle) {
        let topic = DevnetTopic.forEvent(type: event.type)
        let key = Array(event.resource.utf8)
        let value = event.json.canonicalBytes
        // Counted before queueing, so a delivery report can never overtake it.
        reports.noteProduced()
        while true {
            let err = key.withUnsafeBytes { k in
                value.withUnsafeBytes { v in
                    crdkafka_produce_copy(rk.raw, topic, k.baseAddress, k.count, v.baseAddress, v.count)
                }
            }
            switch err {
            case RD_KAFKA_RESP_ERR_NO_ERROR:
                return
            case RD_KAFKA_RESP_ERR__QUEUE_FULL:
                reports.noteQueueFull()
                _ = rd_kafka_poll(rk.raw, 10)
            default:
                reports.noteFailed("could not queue event \(event.seq) for \(topic): \(KafkaClient.describe(err))")
                return
            }
        }
    }
}
