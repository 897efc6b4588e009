import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 8: every event is published to Kafka, on `devnet.native`, `devnet.underlying` or
/// `devnet.schedules`, keyed by its resource, with the event JSON as value, in order per key.
/// Skipped, with the reason, when the deployment publishes no events to Kafka.
@Suite("Conformance: SPEC 8 events on Kafka", .requiresKafka, .requiresFunding, .timeLimit(.minutes(5)))
struct KafkaTests {
    @Test("SPEC 8: every event of a window reaches Kafka unchanged, on its chain's topic, keyed by its resource, in order per key")
    func everyEvent() async throws {
        let consumer = try KafkaEventConsumer.current
        let node = try await Node.connect()
        let party = try await node.party(nat: 100 * Units.nat, und: 100 * Units.und)
        let first = try await node.succeed(transfer(to: KeyPair().address, amount: 1), .native, by: party.account)
        let payment = try await party.und.pay(5, to: KeyPair().underlyingAddress)
        let instance = try await KeysInstance.deploy(node)
        let last = try await instance.admin("set_key_price", ["price": "10"])
        let from = try #require(first.events.first?.seq)
        let through = try #require(last.events.last?.seq)

        let delivered = try await EventLog.delivered(consumer, from: from, through: through)
        let log = try await EventLog.events(node.chain, from: from, through: through)
        #expect(delivered.map(\.event) == log, "the value is the event's JSON, as events_since returns it")
        #expect(delivered.allSatisfy { $0.key == $0.event.resource }, "key = resource")
        #expect(delivered.allSatisfy { DevnetTopic.all.contains($0.topic) }, "only the three devnet topics: \(Set(delivered.map(\.topic)))")
        let receiptSeqs = Set((first.events + last.events).map(\.seq))
        #expect(delivered.filter { receiptSeqs.contains($0.event.seq) }.allSatisfy { $0.topic == DevnetTopic.native },
            "native transactions' events on devnet.native")
        #expect(delivered.filter { $0.event.type.hasPrefix("ScheduleJob") }.allSatisfy { $0.topic == DevnetTopic.schedules },
            "schedule jobs' events on devnet.schedules")
        let paid = delivered.filter { ReceiptEventTests.mentions($0.event.data, payment.hash) }
        #expect(!paid.isEmpty && paid.allSatisfy { $0.topic == DevnetTopic.underlying }, "the payment's event on devnet.underlying: \(paid)")
        for stream in Set(consumer.received().map { [$0.topic, $0.key] }) {
            let records = consumer.received().filter { [$0.topic, $0.key] == stream }
            #expect(records.map(\.event.seq) == records.map(\.event.seq).sorted(), "\(stream) arrives in commit order")
        }
    }

    @Test("SPEC 8: devnet_info names the Kafka bootstrap the events are published to")
    func bootstrap() async throws {
        let node = try await Node.connect()
        let brokers = try #require(try await Network.shared.kafka().bootstrapServers)
        #expect(node.info.kafka != nil || ProcessInfo.processInfo.environment["KAFKA_BROKERS"] != nil, "devnet_info.kafka: \(String(describing: node.info.kafka))")
        #expect(!brokers.isEmpty)
    }
}
