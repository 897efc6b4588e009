import CRdKafka
import Synchronization

/// Publishes messages (key and value bytes) to any topic with librdkafka's idempotent
/// producer: a retry after a reconnect neither duplicates nor reorders a message, and every
/// message with one key lands on one partition in the order it was sent.
///
/// ```swift
/// let producer = try await KafkaMessageProducer.connect(bootstrapServers: brokers)
/// try producer.send(topic: "ledgerqa.runs", key: Array(runID.utf8), value: bytes)
/// guard await producer.flush(timeout: .seconds(10)) else { ... }
/// ```
public final class KafkaMessageProducer: Sendable {
    /// The brokers this producer writes to, as given.
    public let bootstrapServers: String

    private let deliveries = KafkaMessageDeliveries()
    private let client: Mutex<KafkaHandle?>
    private let poller: KafkaPollThread

    /// Connects with `KafkaClient`'s connection settings; `config` overrides the defaults.
    public init(bootstrapServers: String, config: [String: String] = [:]) throws(KafkaError) {
        self.bootstrapServers = bootstrapServers
        let defaults = KafkaClient.connection(bootstrapServers) + [("enable.idempotence", "true"), ("linger.ms", "5")]
        let deliveries = deliveries
        let rk = try KafkaClient.make(.producer, defaults: defaults, overrides: config) { deliveries.install(on: $0) }
        client = Mutex(rk)
        poller = KafkaPollThread(name: "ledgerqa.kafka.messages") { _ = rd_kafka_poll(rk.raw, 50) }
    }

    /// Like `init`, on a thread of its own (librdkafka's setup may block).
    public static func connect(bootstrapServers: String, config: [String: String] = [:]) async throws(KafkaError) -> KafkaMessageProducer {
        try await KafkaClient.offPool("ledgerqa.kafka.messages.setup") { () throws(KafkaError) in
            try KafkaMessageProducer(bootstrapServers: bootstrapServers, config: config)
        }
    }

    deinit { close() }

    /// Queues one message without waiting for the brokers; on a full local queue it serves
    /// delivery reports and tries again rather than dropping. `flush` waits for delivery.
    public func send(topic: String, key: [UInt8], value: [UInt8]) throws(KafkaProduceError) {
        try client.withLock { (rk: inout KafkaHandle?) throws(KafkaProduceError) in
            guard let rk else { throw KafkaProduceError(topic: topic, reason: "the producer is closed") }
            deliveries.noteQueued()
            while true {
                let err = key.withUnsafeBytes { k in
                    value.withUnsafeBytes { v in crdkafka_produce_copy(rk.raw, topic, k.baseAddress, k.count, v.baseAddress, v.count) }
                }
                switch err {
                case RD_KAFKA_RESP_ERR_NO_ERROR: return
                case RD_KAFKA_RESP_ERR__QUEUE_FULL: _ = rd_kafka_poll(rk.raw, 10)
                default:
                    deliveries.noteFailed(KafkaClient.describe(err))
                    throw KafkaProduceError(topic: topic, reason: KafkaClient.describe(err))
                }
            }
        }
    }

    /// Waits up to `timeout` (on a thread of its own) until every queued message is delivered
    /// or failed; true when all were delivered.
    public func flush(timeout: Duration) async -> Bool {
        await KafkaClient.offPool("ledgerqa.kafka.messages.flush") { () -> Bool in
            let flushed = self.client.withLock { rk in
                rk.map { rd_kafka_flush($0.raw, KafkaClient.milliseconds(timeout)) == RD_KAFKA_RESP_ERR_NO_ERROR } ?? true
            }
            return flushed && self.deliveries.snapshot.failed == 0
        }
    }

    /// Messages queued, delivered and failed so far, and the last error.
    public var stats: KafkaDeliveryCounts { deliveries.snapshot }

    /// Flushes for up to `flushTimeout`, then disconnects. Calling it again does nothing.
    public func close(flushTimeout: Duration = .seconds(5)) {
        guard let rk = client.withLock({ c in defer { c = nil }; return c }) else { return }
        poller.stop()
        _ = rd_kafka_flush(rk.raw, KafkaClient.milliseconds(flushTimeout))
        rd_kafka_destroy(rk.raw)
    }
}

/// What a producer did with the messages it was given.
public struct KafkaDeliveryCounts: Sendable, Hashable {
    public var queued = 0
    public var delivered = 0
    public var failed = 0
    public var lastError: String?
}

/// A message could not be queued.
public struct KafkaProduceError: Error, Sendable, CustomStringConvertible {
    public let topic: String
    public let reason: String
    public var description: String { "could not publish to Kafka topic \(topic): \(reason)" }
}

/// Counts delivery reports; librdkafka calls back with a pointer to it.
final class KafkaMessageDeliveries: Sendable {
    private let counts = Mutex(KafkaDeliveryCounts())

    var snapshot: KafkaDeliveryCounts { counts.withLock { $0 } }
    func noteQueued() { counts.withLock { $0.queued += 1 } }
    func noteFailed(_ message: String) {
        counts.withLock { c in
            c.failed += 1
            c.lastError = message
        }
    }

    /// Installs the callbacks; the object must outlive the client made from `conf`.
    func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
            guard let opaque, let message else { return }
            let deliveries = Unmanaged<KafkaMessageDeliveries>.fromOpaque(opaque).takeUnretainedValue()
            let err = message.pointee.err
            if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                deliveries.counts.withLock { $0.delivered += 1 }
            } else {
                deliveries.noteFailed("delivery failed: \(KafkaClient.describe(err))")
            }
        }
        rd_kafka_conf_set_error_cb(conf) { _, code, reason, opaque in
            guard let opaque else { return }
            let deliveries = Unmanaged<KafkaMessageDeliveries>.fromOpaque(opaque).takeUnretainedValue()
            deliveries.counts.withLock { $0.lastError = reason.map { String(cString: $0) } ?? "error \(code)" }
        }
    }
}
