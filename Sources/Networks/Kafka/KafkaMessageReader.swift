import CRdKafka
import Foundation
import Synchronization

/// Reads every message of some topics from the beginning of each partition, as a log to
/// replay (run announcements, shard results), keeping them in arrival order. Like
/// `KafkaEventConsumer` it joins no consumer group and polls on a thread of its own.
///
/// ```swift
/// let reader = try await KafkaMessageReader.connect(bootstrapServers: brokers, topics: ["ledgerqa.load-reports"])
/// while !reader.isCaughtUp { _ = await reader.wait(beyond: reader.count, until: .now + .seconds(10)) }
/// ```
public final class KafkaMessageReader: Sendable {
    public let bootstrapServers: String
    /// Where each partition ended when the reader started: `isCaughtUp` once all are read.
    public let ends: [KafkaPartitionOffset]

    private let buffer = KafkaMessageBuffer()
    private let handle: Mutex<KafkaHandle?>
    private let poller: KafkaPollThread

    /// Assigns itself every partition of `topics` (those that exist) from their first offset.
    public init(bootstrapServers: String, topics: [String], timeout: Duration = .seconds(10), config: [String: String] = [:]) throws(KafkaError) {
        self.bootstrapServers = bootstrapServers
        let defaults = KafkaClient.connection(bootstrapServers) + [
            ("group.id", "ledgerqa-\(UUID().uuidString.lowercased())"), ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"), ("fetch.wait.max.ms", "10"), ("fetch.error.backoff.ms", "50"),
        ]
        let rk = try KafkaClient.make(.consumer, defaults: defaults, overrides: config)
        rd_kafka_poll_set_consumer(rk.raw)
        let ends: [KafkaPartitionOffset]
        do throws(KafkaError) {
            ends = try KafkaAssignment.currentEnds(of: topics, on: rk, brokers: bootstrapServers, timeout: timeout)
            try KafkaAssignment.assign(ends.map { KafkaPartitionOffset(topic: $0.topic, partition: $0.partition, offset: Int64(RD_KAFKA_OFFSET_BEGINNING)) },
                to: rk, brokers: bootstrapServers)
        } catch {
            rd_kafka_destroy_flags(rk.raw, Int32(RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE))
            throw error
        }
        self.ends = ends
        handle = Mutex(rk)
        let buffer = buffer
        poller = KafkaPollThread(name: "ledgerqa.kafka.reader") { buffer.pollOnce(rk) }
    }

    /// Like `init`, on a thread of its own.
    public static func connect(bootstrapServers: String, topics: [String], timeout: Duration = .seconds(10)) async throws(KafkaError) -> KafkaMessageReader {
        try await KafkaClient.offPool("ledgerqa.kafka.reader.setup") { () throws(KafkaError) in
            try KafkaMessageReader(bootstrapServers: bootstrapServers, topics: topics, timeout: timeout)
        }
    }

    deinit { close() }

    /// How many messages arrived so far.
    public var count: Int { buffer.state.withLock { $0.messages.count } }

    /// The messages from the `index`-th on (0-based), in arrival order.
    public func messages(from index: Int) -> ArraySlice<KafkaMessage> {
        buffer.state.withLock { s in index < s.messages.count ? s.messages[max(0, index)...] : [] }
    }

    /// Whether every partition was read up to where it ended when the reader started.
    public var isCaughtUp: Bool {
        buffer.state.withLock { s in
            ends.allSatisfy { end in end.offset == 0 || (s.lastOffset["\(end.topic)/\(end.partition)"] ?? -1) >= end.offset - 1 }
        }
    }

    /// Waits until every partition the reader follows is read up to where it ends now (not
    /// when the reader started): what a producer flushed before this call is then in
    /// `messages`. False when the brokers did not answer or the messages did not arrive by `timeout`.
    public func catchUpToNow(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        let topics = Array(Set(ends.map(\.topic)))
        let now = try? await KafkaClient.offPool("ledgerqa.kafka.reader.ends") { () throws(KafkaError) -> [KafkaPartitionOffset] in
            try self.handle.withLock { h throws(KafkaError) -> [KafkaPartitionOffset] in
                guard let h else { return [] }
                return try KafkaAssignment.currentEnds(of: topics, on: h, brokers: self.bootstrapServers, timeout: timeout)
            }
        }
        guard let now else { return false }
        while true {
            let (caughtUp, count) = buffer.state.withLock { s in
                (now.allSatisfy { end in end.offset == 0 || (s.lastOffset["\(end.topic)/\(end.partition)"] ?? -1) >= end.offset - 1 }, s.messages.count)
            }
            if caughtUp { return true }
            if ContinuousClock.now >= deadline { return false }
            _ = await wait(beyond: count, until: min(deadline, .now + .milliseconds(200)))
        }
    }

    /// Returns true as soon as there are more than `count` messages, false at `deadline`
    /// (or when the reader is closed, or the task cancelled).
    public func wait(beyond count: Int, until deadline: ContinuousClock.Instant) async -> Bool {
        let id = buffer.state.withLock { s in
            s.nextWait += 1
            return s.nextWait
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            self?.wake(id)
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let ready = buffer.state.withLock { s -> Bool in
                    if s.messages.count > count || s.closed || ContinuousClock.now >= deadline { return true }
                    s.waiting[id] = c
                    return false
                }
                if ready { c.resume() }
            }
        } onCancel: { wake(id) }
        return self.count > count
    }

    private func wake(_ id: Int) { buffer.wake(id) }

    /// Stops polling and disconnects; messages stay readable. Calling it again does nothing.
    public func close() {
        guard let rk = handle.withLock({ h in defer { h = nil }; return h }) else { return }
        poller.stop()
        rd_kafka_consumer_close(rk.raw)
        rd_kafka_destroy(rk.raw)
        buffer.close()
    }
}

/// The messages a reader received and the waits for more; the poll thread appends.
final class KafkaMessageBuffer: Sendable {
    struct State {
        var messages: [KafkaMessage] = []
        var lastOffset: [String: Int64] = [:]
        var closed = false
        var nextWait = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    let state = Mutex(State())

    func wake(_ id: Int) {
        state.withLock { $0.waiting.removeValue(forKey: id) }?.resume()
    }

    func pollOnce(_ rk: KafkaHandle) {
        guard let message = rd_kafka_consumer_poll(rk.raw, 50) else { return }
        defer { rd_kafka_message_destroy(message) }
        let m = message.pointee
        guard m.err == RD_KAFKA_RESP_ERR_NO_ERROR else { return }  // EOF, transport: librdkafka recovers
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        func bytes(_ p: UnsafeMutableRawPointer?, _ n: Int) -> [UInt8] {
            guard let p, n > 0 else { return [] }
            return Array(UnsafeRawBufferPointer(start: p, count: n))
        }
        let record = KafkaMessage(topic: topic, partition: m.partition, offset: m.offset, key: bytes(m.key, m.key_len), value: bytes(m.payload, m.len))
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            let id = "\(topic)/\(m.partition)"
            if let last = s.lastOffset[id], m.offset <= last { return [] }
            s.lastOffset[id] = m.offset
            s.messages.append(record)
            defer { s.waiting = [:] }
            return Array(s.waiting.values)
        }
        for c in woken { c.resume() }
    }

    func close() {
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.closed = true
            defer { s.waiting = [:] }
            return Array(s.waiting.values)
        }
        for c in woken { c.resume() }
    }
}
