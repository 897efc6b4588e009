import CRdKafka
import Foundation
import Synchronization

/// Reads devnet events from Kafka, starting at the offsets current when it was created, so a
/// test sees exactly the events published after its consumer started.
///
/// It joins no consumer group: it assigns itself every partition of its topics, so consumers
/// never share progress and start at once (a group's first join can take seconds). A thread
/// of its own polls the brokers and keeps every event; broker outages are survived, not fatal.
///
/// ```swift
/// let consumer = try await KafkaEventConsumer.connect(bootstrapServers: brokers)
/// let paid = try await consumer.first(where: { $0.type == "UnderlyingPayment" }, timeout: .seconds(5))
/// ```
public final class KafkaEventConsumer: Sendable {
    /// The brokers this consumer reads from, as given.
    public let bootstrapServers: String
    /// Every partition of the topics and the offset the consumer started at.
    public let assignment: [KafkaPartitionOffset]

    private let buffer: KafkaRecordBuffer
    private let handle: Mutex<KafkaHandle?>
    private let poller: KafkaPollThread

    /// Connects, reads the end offset of every partition of `topics`, and starts receiving.
    ///
    /// - Parameters:
    ///   - timeout: how long the metadata and offset queries may take in all.
    ///   - config: extra librdkafka properties (e.g. `security.protocol`); they override defaults.
    public init(
        bootstrapServers: String, topics: [String] = DevnetTopic.all, timeout: Duration = .seconds(10),
        config: [String: String] = [:]
    ) throws(KafkaError) {
        self.bootstrapServers = bootstrapServers
        let defaults = KafkaClient.connection(bootstrapServers) + [
            // librdkafka's consumer API needs a group id even when no group is joined;
            // a unique one keeps consumers apart.
            ("group.id", "ledgerqa-\(UUID().uuidString.lowercased())"),
            ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"),
            ("fetch.wait.max.ms", "10"),
            ("fetch.error.backoff.ms", "50"),
        ]
        let buffer = KafkaRecordBuffer()
        let rk = try KafkaClient.make(.consumer, defaults: defaults, overrides: config) { conf in
            rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(buffer).toOpaque())
            rd_kafka_conf_set_error_cb(conf) { _, code, reason, opaque in
                guard let opaque else { return }
                let buffer = Unmanaged<KafkaRecordBuffer>.fromOpaque(opaque).takeUnretainedValue()
                let text = reason.map { String(cString: $0) } ?? "error \(code)"
                buffer.noteError(text)
            }
        }
        // Errors and other events are then served by rd_kafka_consumer_poll.
        rd_kafka_poll_set_consumer(rk.raw)
        let start: [KafkaPartitionOffset]
        do throws(KafkaError) {
            start = try KafkaAssignment.currentEnds(of: topics, on: rk, brokers: bootstrapServers, timeout: timeout)
            try KafkaAssignment.assign(start, to: rk, brokers: bootstrapServers)
        } catch {
            rd_kafka_destroy_flags(rk.raw, Int32(RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE))
            throw error
        }
        buffer.setStart(start)
        self.assignment = start
        self.buffer = buffer
        self.handle = Mutex(rk)
        self.poller = KafkaPollThread(name: "ledgerqa.kafka.consumer") {
            KafkaConsumerPoll.once(rk, into: buffer)
        }
    }

    /// Like `init`, but the setup queries run on a thread of their own: use it from async
    /// code, where waiting `timeout` for unreachable brokers would hold a cooperative thread.
    public static func connect(
        bootstrapServers: String, topics: [String] = DevnetTopic.all, timeout: Duration = .seconds(10),
        config: [String: String] = [:]
    ) async throws(KafkaError) -> KafkaEventConsumer {
        try await KafkaClient.offPool("ledgerqa.kafka.consumer.setup") { () throws(KafkaError) in
            try KafkaEventConsumer(bootstrapServers: bootstrapServers, topics: topics, timeout: timeout, config: config)
        }
    }

    deinit { close() }

    /// Every record received so far, then each new one as it arrives, until `close()`.
    public var records: KafkaEventRecords { KafkaEventRecords(buffer: buffer) }

    /// The records received so far, in arrival order.
    public func received() -> [KafkaEventRecord] { buffer.snapshot }

    /// The records received so far from the `index`-th on (0-based), in arrival order: a wait
    /// that keeps its place reads each record once.
    public func received(from index: Int) -> ArraySlice<KafkaEventRecord> { buffer.records(from: index) }

    /// Counts of received, undecodable and duplicate messages, and of broker errors.
    public var stats: KafkaConsumerStats { buffer.stats }

    /// The first record, already received or still to come, whose event satisfies `predicate`.
    ///
    /// - Parameter description: what is awaited, for the timeout message (e.g. "Transfer to bob").
    /// - Throws: `KafkaError.timedOut` saying what was awaited, for how long and how many
    ///   events were seen; `.consumerClosed` or `.waitCancelled` if the wait is cut short.
    public func first(
        where predicate: @Sendable (Event) -> Bool, timeout: Duration = .seconds(10),
        waitingFor description: String = "an event matching the predicate"
    ) async throws(KafkaError) -> KafkaEventRecord {
        let deadline = ContinuousClock.now + timeout
        var index = 0
        while true {
            while let record = buffer.record(at: index) {
                if predicate(record.event) { return record }
                index += 1
            }
            try await waitForMore(beyond: index, until: deadline, timeout: timeout, description)
        }
    }

    /// Waits until at least `count` records were received and returns all received so far.
    ///
    /// - Throws: `KafkaError.timedOut` (saying how many arrived), `.consumerClosed` or `.waitCancelled`.
    public func received(atLeast count: Int, timeout: Duration = .seconds(10)) async throws(KafkaError) -> [KafkaEventRecord] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let seen = buffer.count
            if seen >= count { return buffer.snapshot }
            try await waitForMore(beyond: seen, until: deadline, timeout: timeout, "\(count) events")
        }
    }

    /// Waits until the consumer's stats satisfy `condition` (e.g. an error was reported) and
    /// returns them; it wakes on every change instead of polling.
    ///
    /// - Throws: `KafkaError.timedOut`, `.consumerClosed` or `.waitCancelled`.
    public func stats(
        where condition: @Sendable (KafkaConsumerStats) -> Bool, timeout: Duration = .seconds(10), waitingFor description: String
    ) async throws(KafkaError) -> KafkaConsumerStats {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (stats, version) = buffer.versionedStats
            if condition(stats) { return stats }
            switch await buffer.wait(changedAfter: version, deadline: deadline) {
            case .grown: continue
            case .timedOut: throw .timedOut(waitingFor: description, after: timeout, eventsSeen: buffer.count)
            case .closed: throw .consumerClosed(waitingFor: description, eventsSeen: buffer.count)
            case .cancelled: throw .waitCancelled(waitingFor: description)
            }
        }
    }

    private func waitForMore(
        beyond count: Int, until deadline: ContinuousClock.Instant, timeout: Duration, _ description: String
    ) async throws(KafkaError) {
        switch await buffer.wait(beyond: count, deadline: deadline) {
        case .grown: return
        case .timedOut: throw .timedOut(waitingFor: description, after: timeout, eventsSeen: buffer.count)
        case .closed: throw .consumerClosed(waitingFor: description, eventsSeen: buffer.count)
        case .cancelled: throw .waitCancelled(waitingFor: description)
        }
    }

    /// Stops the poll thread and disconnects. Records stay readable; iterations of `records`
    /// end after the last one. Calling it again does nothing.
    public func close() {
        guard let rk = handle.withLock({ h in defer { h = nil }; return h }) else { return }
        poller.stop()
        rd_kafka_consumer_close(rk.raw)
        rd_kafka_destroy(rk.raw)
        buffer.close()
    }
}
