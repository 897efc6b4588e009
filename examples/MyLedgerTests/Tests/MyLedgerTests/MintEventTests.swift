import Fixtures
import Networks
import Testing

/// A user's Kafka check: skipped, with the reason, where the run has no Kafka.
@Suite("My Kafka events", .requiresKafka)
struct MintEventTests {
    @Test("a faucet payment is published on devnet.native, keyed by the account")
    func faucetEvent() async throws {
        let events = try KafkaEventConsumer.current
        let connection = try await Network.shared.connection()
        let account = try await connection.newAccount(nat: 3 * Units.nat)
        let record = try await events.first(where: { $0.resource == account.address }, timeout: .seconds(30),
            waitingFor: "the faucet's event for the new account")
        #expect(record.topic == DevnetTopic.native)
        #expect(record.key == account.address)
    }
}
