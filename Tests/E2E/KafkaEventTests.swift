import Fixtures
import Foundation
import Networks
import Testing

/// The devnet's events as a Kafka consumer of the test's own sees them (SPEC 8): the exact
/// sequence a minting and a schedule job publish, keyed by resource, on the right topics.
/// Skipped, not failed, when Kafka is off (`USE_KAFKA=false`).
@Suite("E2E Kafka events", .requiresKafka, .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS"]))
struct KafkaEventTests {
    @Test("a minting publishes AgentCreated, CollateralReserved and MintingExecuted for its agent, and its underlying payment")
    func mintingEvents() async throws {
        let events = try KafkaEventConsumer.current
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(feeBips: 30, freeLots: 10)
        let minter = try await j.party()
        let m = try await j.mint(2, on: agent.agent, by: minter)
        _ = try await events.first(where: { $0.type == "MintingExecuted" && $0.resource == agent.agent }, timeout: .seconds(30),
            waitingFor: "MintingExecuted of agent \(agent.agent)")

        let ofAgent = events.received().filter { $0.key == agent.agent }
        #expect(ofAgent.map(\.event.type) == ["AgentCreated", "CollateralReserved", "MintingExecuted"])
        #expect(ofAgent.allSatisfy { $0.topic == DevnetTopic.native && $0.event.resource == agent.agent })
        let fromReceipts = m.receipts.flatMap(\.events).filter { $0.resource == agent.agent }
        #expect(Array(ofAgent.dropFirst().map(\.event)) == fromReceipts, "Kafka carries the receipts' events unchanged")
        #expect(ofAgent.map(\.event.seq) == ofAgent.map(\.event.seq).sorted(), "in commit order")

        let payment = try await events.first(where: { $0.type == "UnderlyingPayment" && $0.data["hash"]?.stringValue == m.payment.hash },
            timeout: .seconds(30), waitingFor: "the underlying payment \(m.payment.hash)")
        #expect(payment.topic == DevnetTopic.underlying && payment.key == minter.underlying.address)
        #expect(payment.event.data["reference"]?.stringValue == m.reservation.paymentReference)
    }

    @Test("a triggered ACCRUE_POOL_REWARDS job publishes PoolRewardsAccrued then ScheduleJobCompleted for its pool")
    func scheduleJobEvents() async throws {
        let events = try KafkaEventConsumer.current
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(openingTime: Date.utc(2020, 1, 1), poolCollateral: 10_000 * Units.nat)
        let tag = try #require(j.control.tags[.accruePoolRewards])
        for day in [2, 3] {
            try await j.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool, effectiveDate: Date.utc(2020, 1, day))
        }
        // The triggers waited for the job events (devnet.schedules); the rewards travel on
        // devnet.native, a partition of its own, so wait for the second one before reading.
        let collateral = try await j.asset.pool(ofAgent: agent.agent).totalCollateral
        _ = try await events.first(where: { e in
            e.type == "PoolRewardsAccrued" && e.resource == agent.pool && e.data["total_collateral"] == Amount.wire(collateral)
        }, timeout: .seconds(30), waitingFor: "the 2020-01-03 PoolRewardsAccrued of \(agent.pool)")
        let ofPool = events.received().filter { $0.key == agent.pool }.sorted { $0.event.seq < $1.event.seq }
        #expect(ofPool.map(\.event.type) == ["PoolRewardsAccrued", "ScheduleJobCompleted", "PoolRewardsAccrued", "ScheduleJobCompleted"])
        #expect(ofPool.map(\.topic) == [DevnetTopic.native, DevnetTopic.schedules, DevnetTopic.native, DevnetTopic.schedules])
        let completed = ofPool.filter { $0.event.type == "ScheduleJobCompleted" }.map(\.event.data)
        #expect(completed == [2, 3].map { day in
            ["schedule": "ACCRUE_POOL_REWARDS", "resource": .string(agent.pool), "tag": .string(tag),
             "effective_time": .int(Date.utc(2020, 1, day).epochSeconds), "error": .null]
        })
    }
}
