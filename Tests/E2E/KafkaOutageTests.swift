import Fixtures
import Foundation
import Networks
import Testing

/// A journey whose Kafka broker is down: the waits notice nothing arrives on Kafka (the
/// consumer reports its broker gone) and poll the API instead, so the journey completes.
/// Without the fallback each of its waits would sit out its 30 s on Kafka, past the limit.
@Suite("E2E with the Kafka broker down", .controlSchedules(["PAY_REDEMPTIONS"]), .timeLimit(.minutes(5)))
struct KafkaOutageTests {
    @Test("a redemption journey completes by polling when the consumer's broker is down")
    func brokerDown() async throws {
        let outage = try await KafkaBrokerOutage.start()
        defer { outage.close() }
        try await outage.takeDown()
        #expect(outage.consumer.stats.errors > 0, "the consumer noticed: \(outage.consumer.stats)")
        let j = try await Journey.begin(control: try ScheduleControl.current.watching(outage.consumer))
        let agent = try await j.control.createAgent(feeBips: 25, freeLots: 10)
        let redeemer = try await j.party()
        _ = try await j.mint(2, on: agent.agent, by: redeemer)
        let (first, _) = try await j.redeem(1, from: agent.agent, by: redeemer)
        try await j.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        let paid = try await Waits.redemption(first.requestID, status: "SUCCESSFUL", asset: j.asset, events: outage.consumer)
        #expect(paid.paymentHash != nil)
        let (second, _) = try await j.redeem(1, from: agent.agent, by: redeemer)
        try await j.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        _ = try await Waits.redemption(second.requestID, status: "SUCCESSFUL", asset: j.asset, events: outage.consumer)
        let jobs = try await j.control.runScheduleJobs(.payRedemptions, for: agent.agent, through: second.deadline)
        #expect(!jobs.isEmpty && jobs.allSatisfy { $0.status == .succeeded })
        #expect(outage.consumer.stats.received == 0, "nothing came through Kafka: the waits polled")
    }
}
