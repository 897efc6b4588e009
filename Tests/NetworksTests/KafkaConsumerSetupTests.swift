import Networks
import Testing

/// What the consumer does before any broker answers: topic routing, configuration checks,
/// and the error for brokers that cannot be reached.
@Suite("Kafka consumer setup", .timeLimit(.minutes(1)))
struct KafkaConsumerSetupTests {
    @Test("schedule, underlying and all other events go to their own topics")
    func topicRouting() {
        #expect(DevnetTopic.forEvent(type: "ScheduleJobCompleted") == "devnet.schedules")
        #expect(DevnetTopic.forEvent(type: "ScheduleJobFailed") == "devnet.schedules")
        #expect(DevnetTopic.forEvent(type: "UnderlyingPayment") == "devnet.underlying")
        #expect(DevnetTopic.forEvent(type: "UnderlyingSettings") == "devnet.underlying")
        #expect(DevnetTopic.forEvent(type: "Transfer") == "devnet.native")
        #expect(DevnetTopic.forEvent(type: "ScheduleCreated") == "devnet.native")
        #expect(DevnetTopic.all == ["devnet.native", "devnet.underlying", "devnet.schedules"])
    }

    @Test("a rejected configuration value names the key and librdkafka's reason")
    func rejectedConfig() {
        let error = #expect(throws: KafkaError.self) {
            try KafkaEventConsumer(bootstrapServers: "127.0.0.1:1", config: ["fetch.wait.max.ms": "soon"])
        }
        guard case .configRejected(let key, let value, let message)? = error else {
            Issue.record("expected configRejected, got \(String(describing: error))")
            return
        }
        #expect(key == "fetch.wait.max.ms" && value == "soon")
        #expect(!message.isEmpty)
        #expect(error?.description.hasPrefix("Kafka configuration fetch.wait.max.ms=soon was rejected: ") == true)
    }

    @Test("an unknown configuration key is rejected by name, and secrets never appear in the message")
    func unknownKeyAndSecrets() {
        let unknown = #expect(throws: KafkaError.self) {
            try KafkaEventConsumer(bootstrapServers: "127.0.0.1:1", config: ["no.such.property": "1"])
        }
        #expect(unknown?.description.contains("no.such.property") == true, "\(String(describing: unknown))")
        let secret = KafkaError.configRejected(key: "sasl.password", value: "hunter2", message: "nope")
        #expect(!secret.description.contains("hunter2"))
    }

    @Test("unreachable brokers fail within the timeout with a message naming them and the timeout")
    func unreachableBrokers() async {
        // That it gives up at all (rather than hang) is what the suite's time limit checks; how
        // fast depends on the machine's load, so the message, not a clock, is asserted.
        let error = await #expect(throws: KafkaError.self) {
            try await KafkaEventConsumer.connect(bootstrapServers: "127.0.0.1:1", timeout: .seconds(2))
        }
        guard case .metadataFailed(let brokers, let timeout, _)? = error else {
            Issue.record("expected metadataFailed, got \(String(describing: error))")
            return
        }
        #expect(brokers == "127.0.0.1:1" && timeout == .seconds(2))
        #expect(error?.description.contains("127.0.0.1:1 did not answer a metadata request within 2 s") == true)
    }
}
