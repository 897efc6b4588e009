import Devnet
import Networks
import Testing

/// Producer and consumer on the embedded (mock) cluster, connected through its bootstrap
/// address like real clients (SPEC 8).
@Suite("Kafka round trip on the embedded cluster")
struct KafkaRoundTripTests {
    @Test("a consumer sees exactly the published events, on their topics, in order per key")
    func roundTrip() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { consumer.close(); producer.close(); cluster.shutdown() }
        let events = KafkaSamples.events(1..<61)

        producer.publish(events)
        let records = try await consumer.received(atLeast: events.count)

        #expect(await producer.flush(timeout: .seconds(10)), "every event acknowledged")
        #expect(records.count == events.count, "no event twice, no stranger")
        #expect(Set(records.map(\.event)) == Set(events))
        KafkaSamples.expectRoutedInOrder(records)
        #expect(Set(records.map(\.topic)) == Set(DevnetTopic.all), "the samples cover every topic")
        #expect(consumer.stats.undecodable == 0)
    }

    @Test("a consumer created after some events only sees the later ones")
    func startsAtCurrentOffsets() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { producer.close(); cluster.shutdown() }
        producer.publish(KafkaSamples.events(1..<21))
        #expect(await producer.flush(timeout: .seconds(10)), "the early events are on the brokers")

        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { consumer.close() }
        let later = KafkaSamples.events(21..<31)
        producer.publish(later)
        let records = try await consumer.received(atLeast: later.count)

        #expect(consumer.assignment.map(\.offset).reduce(0, +) == 20, "starts after the 20 early events")
        #expect(consumer.assignment.count == 9, "3 topics of 3 partitions: \(consumer.assignment)")
        #expect(records.map(\.event.seq).sorted() == Array(21..<31))
    }

    @Test("delivery stats count produced and delivered events, and events published after close as failed")
    func deliveryStats() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        defer { cluster.shutdown() }
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        producer.publish(KafkaSamples.events(1..<26))
        #expect(await producer.flush(timeout: .seconds(10)))
        #expect(producer.stats == KafkaDeliveryStats(produced: 25, delivered: 25, failed: 0, lastError: nil))

        producer.close()
        producer.publish(KafkaSamples.events(26..<28))
        let stats = producer.stats
        #expect(stats.produced == 27 && stats.delivered == 25 && stats.failed == 2 && stats.inFlight == 0)
        #expect(stats.lastError?.contains("closed") == true, "\(String(describing: stats.lastError))")
    }

    @Test("a producer for unreachable brokers fails with a message naming them and the timeout")
    func producerUnreachable() async {
        let error = await #expect(throws: KafkaError.self) {
            try await KafkaEventProducer.connect(bootstrapServers: "127.0.0.1:1", timeout: .seconds(2))
        }
        #expect(error?.description.contains("127.0.0.1:1 did not answer a metadata request within 2 s") == true, "\(String(describing: error))")
    }

    @Test("every iteration of records replays from the first record, then follows")
    func recordsReplay() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { consumer.close(); producer.close(); cluster.shutdown() }
        producer.publish(KafkaSamples.events(1..<6, types: ["Transfer"]))

        var first: [Int64] = []
        for await record in consumer.records.prefix(5) { first.append(record.event.seq) }
        producer.publish(KafkaSamples.events(6..<8, types: ["Transfer"]))
        var second: [Int64] = []
        for await record in consumer.records.prefix(7) { second.append(record.event.seq) }

        #expect(first.sorted() == [1, 2, 3, 4, 5])
        #expect(Array(second.prefix(5)) == first, "the second iteration starts from the beginning")
        #expect(second.sorted() == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test("first(where:) finds an event that already arrived and one still to come")
    func firstWhere() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { consumer.close(); producer.close(); cluster.shutdown() }
        producer.publish(KafkaSamples.events(1..<4))
        _ = try await consumer.received(atLeast: 3)

        let early = try await consumer.first(where: { $0.seq == 2 }, timeout: .seconds(5))
        async let late = consumer.first(where: { $0.seq == 9 }, timeout: .seconds(10))
        producer.publish(KafkaSamples.events(4..<10))

        #expect(early.event.seq == 2)
        #expect(try await late.event.seq == 9)
    }

    @Test("a wait that times out says what it waited for, for how long, and how many events it saw")
    func firstWhereTimesOut() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { consumer.close(); producer.close(); cluster.shutdown() }
        producer.publish(KafkaSamples.events(1..<3))
        _ = try await consumer.received(atLeast: 2)

        let error = await #expect(throws: KafkaError.self) {
            try await consumer.first(where: { $0.type == "Nothing" }, timeout: .milliseconds(200), waitingFor: "a Nothing event")
        }
        #expect(error == .timedOut(waitingFor: "a Nothing event", after: .milliseconds(200), eventsSeen: 2))
        #expect(
            error?.description
                == "timed out after 200 ms waiting for a Nothing event on Kafka; 2 event(s) were received meanwhile")
    }

    @Test("closing the consumer ends a wait and every iteration after the last record")
    func closeEndsWaits() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let consumer = try await KafkaEventConsumer.connect(bootstrapServers: cluster.bootstrapServers)
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { producer.close(); cluster.shutdown() }
        producer.publish(KafkaSamples.events(1..<3))
        _ = try await consumer.received(atLeast: 2)

        let waiting = Task { try await consumer.first(where: { $0.seq == 99 }, timeout: .seconds(30)) }
        consumer.close()
        consumer.close()
        var seen = 0
        for await _ in consumer.records { seen += 1 }

        #expect(seen == 2)
        await #expect(throws: KafkaError.consumerClosed(waitingFor: "an event matching the predicate", eventsSeen: 2)) {
            try await waiting.value
        }
    }
}
