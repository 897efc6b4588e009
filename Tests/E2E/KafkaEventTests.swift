import Fixtures
import Foundation
import Networks
import Testing

/// The devnet's events as a Kafka consumer of the test's own sees them (SPEC 8): what a
/// minting and a schedule job publish, keyed by resource, on the right topics, in commit
/// order. Only what SPEC names is compared (topics, keys, seq order, the receipts' events,
/// the schedule-job events' data), so it holds on any deployment.
/// Skipped, not failed, when Kafka is off (`USE_KAFKA=false`).
@Suite("E2E Kafka events", .requiresKafka, .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS"]),
    .timeLimit(.minutes(5)))
struct KafkaEventTests {
    @Test("a minting's events reach devnet.native keyed by their resource, unchanged and in order; its payment reaches devnet.underlying")
    func mintingEvents() async throws {
        let events = try KafkaEventConsumer.current
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(feeBips: 30, freeLots: 10)
        let minter = try await j.party()
        let m = try await j.mint(2, on: agent.agent, by: minter)
        let fromReceipts = m.receipts.flatMap(\.events)
        let first = try #require(fromReceipts.first?.seq, "a minting changes state, so its receipts carry events")
        let last = try #require(fromReceipts.last?.seq)

        let delivered = try await EventLog.delivered(events, from: first, through: last)
        #expect(delivered.map(\.event) == (try await EventLog.events(j.chain, from: first, through: last)),
            "Kafka carries every event of the window as events_since returns it")
        let ours = delivered.filter { e in fromReceipts.contains { $0.seq == e.event.seq } }
        #expect(ours.map(\.event) == fromReceipts, "the receipts' events, unchanged")
        #expect(ours.allSatisfy { $0.topic == DevnetTopic.native && $0.key == $0.event.resource }, "native topic, key = resource")
        for key in Set(delivered.map { [$0.topic, $0.key] }) {
            let ofKey = events.received().filter { [$0.topic, $0.key] == key }
            #expect(ofKey.map(\.event.seq) == ofKey.map(\.event.seq).sorted(), "events of \(key) arrive in commit order")
        }

        // MintingExecuted (resource: the agent, an n-address) names the payment too, and topics are
        // not ordered with each other: wait for the event of an underlying account (a u-address).
        let payment = try await events.first(where: { $0.resource.hasPrefix("u") && Self.mentions($0.data, m.payment.hash) },
            timeout: .seconds(30), waitingFor: "an event of the underlying payment \(m.payment.hash)")
        #expect(payment.topic == DevnetTopic.underlying && payment.key == payment.event.resource, "\(payment)")
    }

    @Test("a triggered ACCRUE_POOL_REWARDS job publishes its state change on devnet.native, then ScheduleJobCompleted on devnet.schedules, keyed by the pool")
    func scheduleJobEvents() async throws {
        let events = try KafkaEventConsumer.current
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(openingTime: Date.utc(2020, 1, 1), poolCollateral: 10_000 * Units.nat)
        let tag = try #require(j.control.tags[.accruePoolRewards])
        // A transaction of the test's own marks where its window of the event log begins.
        let party = try await j.party(und: 0)
        let mark = try await j.send(Call(contract: "native", method: "transfer",
            args: ["to": .string(KeyPair().address), "amount": Amount.wire(1)]), by: party)
        let start = try #require(mark.events.first?.seq, "a transfer changes state, so it emits an event")
        for day in [2, 3] {
            try await j.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool, effectiveDate: Date.utc(2020, 1, day))
        }
        let second = try await events.first(where: { e in
            e.resource == agent.pool && ScheduleJob(event: e)?.effectiveTime == Date.utc(2020, 1, 3).epochSeconds
        }, timeout: .seconds(30), waitingFor: "the 2020-01-03 ScheduleJobCompleted of \(agent.pool)")

        let window = try await EventLog.delivered(events, from: start, through: second.event.seq)
        #expect(window.map(\.event) == (try await EventLog.events(j.chain, from: start, through: second.event.seq)),
            "Kafka carries every event of the window as events_since returns it")
        let ofPool = window.filter { $0.key == agent.pool }
        #expect(ofPool.allSatisfy { $0.event.resource == agent.pool })
        let isJob = ofPool.map { $0.event.type == "ScheduleJobCompleted" }
        #expect(isJob.filter { $0 }.count == 2 && isJob.last == true && Self.eachPreceded(isJob),
            "each job's state change, then its completion: \(ofPool.map(\.event.type))")
        #expect(ofPool.allSatisfy { $0.topic == ($0.event.type == "ScheduleJobCompleted" ? DevnetTopic.schedules : DevnetTopic.native) },
            "state changes on devnet.native, job completions on devnet.schedules")
        let completed = ofPool.filter { $0.event.type == "ScheduleJobCompleted" }.map { Self.specFields($0.event.data) }
        #expect(completed == [2, 3].map { day in
            ["schedule": "ACCRUE_POOL_REWARDS", "resource": .string(agent.pool), "tag": .string(tag),
             "effective_time": .int(Date.utc(2020, 1, day).epochSeconds)]
        })
    }

    /// True when every `true` (a job's completion) follows at least one `false` (its state change) since the previous one.
    static func eachPreceded(_ isJob: [Bool]) -> Bool {
        var sinceLast = 0
        for job in isJob {
            if job {
                if sinceLast == 0 { return false }
                sinceLast = 0
            } else {
                sinceLast += 1
            }
        }
        return true
    }

    /// The members SPEC 7 gives a schedule-job event: `{schedule, resource, tag, effective_time}`.
    static func specFields(_ data: JSON) -> JSON {
        .object((data.objectValue ?? [:]).filter { ["schedule", "resource", "tag", "effective_time"].contains($0.key) })
    }

    /// True when `json` holds the string `text` anywhere.
    static func mentions(_ json: JSON, _ text: String) -> Bool {
        switch json {
        case .string(let s): s == text
        case .array(let a): a.contains { mentions($0, text) }
        case .object(let o): o.values.contains { mentions($0, text) }
        default: false
        }
    }
}
