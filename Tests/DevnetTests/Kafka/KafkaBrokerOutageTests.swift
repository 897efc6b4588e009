import Devnet
import Networks
import Testing

/// The single broker of the embedded cluster goes away and comes back: the idempotent
/// producer retries, the consumer reconnects, and nothing is lost or duplicated.
@Suite("Kafka broker outage")
struct KafkaBrokerOutageTests {
    @Test("after the broker disappears and comes back the consumer has every event exactly once, in order per key")
    func brokerDownAndUp() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { consumer.close(); producer.close(); cluster.shutdown() }
        let before = KafkaSamples.events(1..<41)
        let during = KafkaSamples.events(41..<81)

        producer.publish(before)
        _ = try await consumer.received(atLeast: before.count)
        try cluster.setBrokerDown(1)
        producer.publish(during)
        _ = try await consumer.stats(where: { $0.errors > 0 }, waitingFor: "the consumer to report the broker down")
        #expect(producer.stats.delivered == before.count, "nothing is delivered while the only broker is down")
        try cluster.setBrokerUp(1)
        let records = try await consumer.received(atLeast: before.count + during.count, timeout: .seconds(30))

        #expect(await producer.flush(timeout: .seconds(10)), "every event acknowledged after the outage")
        #expect(producer.stats.failed == 0, "\(String(describing: producer.stats.lastError))")
        #expect(records.count == 80, "each event exactly once")
        #expect(records.map(\.event.seq).sorted() == Array(1..<81))
        KafkaSamples.expectRoutedInOrder(records)
    }

    @Test("setting an unknown broker down is an error naming the broker")
    func unknownBroker() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let error = #expect(throws: KafkaError.self) { try cluster.setBrokerDown(7) }
        #expect(error?.description.contains("broker 7") == true, "\(String(describing: error))")
    }
}
