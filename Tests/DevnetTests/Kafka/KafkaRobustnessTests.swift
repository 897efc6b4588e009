import CRdKafka
import Devnet
import Networks
import Testing

/// What the clients do with a full local queue and with messages that are not events.
@Suite("Kafka robustness")
struct KafkaRobustnessTests {
    @Test("a full local queue makes publish wait for room instead of dropping events")
    func fullQueueWaits() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(
            bootstrapServers: cluster.bootstrapServers, config: ["queue.buffering.max.messages": "5"])
        defer { consumer.close(); producer.close(); cluster.shutdown() }
        let events = KafkaSamples.events(1..<201)

        producer.publish(events)
        let records = try await consumer.received(atLeast: events.count)

        #expect(await producer.flush(timeout: .seconds(10)))
        let stats = producer.stats
        #expect(stats.queueFullWaits > 0, "200 events through a 5-message queue must have waited")
        #expect(stats.delivered == 200 && stats.failed == 0, "\(stats)")
        #expect(records.map(\.event.seq).sorted() == Array(1..<201))
        KafkaSamples.expectRoutedInOrder(records)
    }

    @Test("a message that is not an event's JSON is counted and skipped, and later events still arrive")
    func undecodableSkipped() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { consumer.close(); producer.close(); cluster.shutdown() }

        let problems = try await Self.produceRaw(["not json", #"{"seq":"one"}"#], to: DevnetTopic.native, on: cluster.bootstrapServers)
        #expect(problems.isEmpty, "\(problems)")
        producer.publish(KafkaSamples.events(1..<3, types: ["Transfer"]))
        let records = try await consumer.received(atLeast: 2)

        #expect(records.map(\.event.seq).sorted() == [1, 2])
        _ = try await consumer.stats(where: { $0.undecodable == 2 }, waitingFor: "both foreign messages to be counted")
        #expect(consumer.stats.received == 2)
    }

    /// Writes `values` with one key through a plain librdkafka producer, in order, on a thread
    /// of its own (its first message waits for a metadata refresh); returns what went wrong.
    static func produceRaw(_ values: [String], to topic: String, on brokers: String) async throws -> [String] {
        let rk = try KafkaClient.make(.producer, defaults: [("bootstrap.servers", brokers), ("linger.ms", "0")])
        return await KafkaClient.offPool("raw-producer") { () -> [String] in
            defer { rd_kafka_destroy(rk.raw) }
            var problems: [String] = []
            for value in values {
                let err = crdkafka_produce_copy(rk.raw, topic, "foreign", 7, value, value.utf8.count)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { problems.append("queueing \(value): \(KafkaClient.describe(err))") }
            }
            let flushed = rd_kafka_flush(rk.raw, 10_000)
            if flushed != RD_KAFKA_RESP_ERR_NO_ERROR { problems.append("flush: \(KafkaClient.describe(flushed))") }
            return problems
        }
    }
}
