import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 7: schedule tags (paused at the epoch when created, `pause_at`, `fast_forward_until`),
/// periods, one job at a time in due order with its effective time, the listings, the job
/// events, and the admin-only calls.
@Suite("Conformance: SPEC 7 schedules and tags", .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS"]),
    .timeLimit(.minutes(5)))
struct ScheduleTests {
    static let opening = Date.utc(2020, 1, 1)

    @Test("SPEC 7: schedules count from the opening: PAY_REDEMPTIONS every 5 s, EXPIRE_RESERVATIONS every 60 s, ACCRUE_POOL_REWARDS at the first midnight after; a new tag runs nothing")
    func periods() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(openingTime: Self.opening)
        let t0 = Self.opening.epochSeconds
        let ofAgent = try await desk.control.schedules.schedules(of: agent.agent)
        let ofPool = try await desk.control.schedules.schedules(of: agent.pool)
        #expect(Set(ofAgent.map(\.name)) == [.payRedemptions, .expireReservations] && ofPool.map(\.name) == [.accruePoolRewards])
        let next = Dictionary(uniqueKeysWithValues: (ofAgent + ofPool).map { ($0.name, $0) })
        #expect(next[.payRedemptions]?.nextRun == t0 + 5 && next[.expireReservations]?.nextRun == t0 + 60, "\(ofAgent)")
        #expect(next[.accruePoolRewards]?.nextRun == Date.utc(2020, 1, 2).epochSeconds, "\(ofPool)")
        for s in ofAgent + ofPool {
            #expect(s.tag == desk.control.tags[s.name] && s.lastRun == nil, "bound to the test's tag, never run: \(s)")
        }
        #expect(try await desk.control.schedules.jobs(.payRedemptions, of: agent.agent).isEmpty, "six years due, paused at the epoch")
    }

    @Test("SPEC 7: a job due at T runs when T ≤ pause_at (and T ≤ now), one at a time in due order, each with its effective time; later ones wait")
    func pauseAt() async throws {
        let desk = try await AssetDesk.begin()
        let collateral = 40_000 * Units.nat
        let agent = try await desk.agent(poolCollateral: collateral, openingTime: Self.opening)
        let tag = try #require(desk.control.tags[.accruePoolRewards])
        let days = (2...5).map { Date.utc(2020, 1, $0).epochSeconds }
        let admin = try await Network.shared.fundedAdmin()
        try await desk.node.succeed(desk.control.schedules.updateTag(tag, pauseAt: .set(days.last ?? 0)), .scheduler, by: admin)
        let last = try await desk.control.waitForJob(.accruePoolRewards, of: agent.pool, effectiveTime: days.last ?? 0)
        #expect(last.status == .succeeded)
        let jobs = try await desk.control.schedules.jobs(.accruePoolRewards, of: agent.pool)
        #expect(jobs.map(\.effectiveTime) == days, "exactly the jobs due up to pause_at, in due order: \(jobs)")
        #expect(jobs.map(\.completedAt) == jobs.map(\.completedAt).sorted() && jobs.allSatisfy { $0.status == .succeeded })
        let schedule = try await desk.control.schedules.schedule(.accruePoolRewards, of: agent.pool)
        #expect(schedule.lastRun == days.last && schedule.nextRun == Date.utc(2020, 1, 6).epochSeconds, "\(schedule)")
        var expected = collateral
        for _ in days { expected += SpecAsset.poolReward(totalCollateral: expected) }
        #expect(try await desk.asset.pool(ofAgent: agent.agent).totalCollateral == expected, "each job adds floor(C·2 / 10,000) to the C it finds")
    }

    @Test("SPEC 7: a job due in the future runs at once when T ≤ fast_forward_until, with its effective time")
    func fastForward() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(poolCollateral: 1_000 * Units.nat)
        let midnight = (Date().epochSeconds / 86_400 + 1) * 86_400
        let schedule = try await desk.control.schedules.schedule(.accruePoolRewards, of: agent.pool)
        #expect(schedule.nextRun == midnight, "the first midnight after the pool opened")
        let tag = try #require(desk.control.tags[.accruePoolRewards])
        let admin = try await Network.shared.fundedAdmin()
        try await desk.node.succeed(desk.control.schedules.updateTag(tag, fastForwardUntil: .set(midnight)), .scheduler, by: admin)
        let job = try await desk.control.waitForJob(.accruePoolRewards, of: agent.pool, effectiveTime: midnight)
        #expect(job.effectiveTime == midnight && job.completedAt < midnight, "ran before its time: \(job)")
        #expect(try await desk.control.schedules.schedule(.accruePoolRewards, of: agent.pool).nextRun == midnight + 86_400)
        #expect(try await desk.asset.pool(ofAgent: agent.agent).totalCollateral
            == 1_000 * Units.nat + SpecAsset.poolReward(totalCollateral: 1_000 * Units.nat))
    }

    @Test("SPEC 7: every job emits ScheduleJobCompleted {schedule, resource, tag, effective_time}")
    func jobEvents() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(openingTime: Self.opening)
        let mark = try await desk.node.succeed(transfer(to: KeyPair().address, amount: 1), .native, by: try await desk.node.account())
        let start = try #require(mark.events.first?.seq)
        try await desk.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        try await desk.control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
        let window = try await EventLog.events(desk.node.chain, from: start, through: .max)
        let completed = window.filter { $0.type == "ScheduleJobCompleted" && $0.resource == agent.agent }
        let tag = try #require(desk.control.tags[.payRedemptions])
        #expect(completed.map { Self.specFields($0.data) } == [5, 10].map { offset in
            ["schedule": "PAY_REDEMPTIONS", "resource": .string(agent.agent), "tag": .string(tag),
             "effective_time": .int(Self.opening.epochSeconds + offset)]
        }, "\(completed.map(\.data))")
    }

    @Test("SPEC 7: a schedule with no tag follows the clock: its jobs never run before their time")
    func untagged() async throws {
        let desk = try await AssetDesk.begin()
        let genesis = try #require(try await desk.asset.agents().first, "SPEC 6's genesis agents are public")
        let schedule = try await desk.control.schedules.schedule(.payRedemptions, of: genesis.id)
        #expect(schedule.tag == nil, "a genesis agent's schedules have no tag: \(schedule)")
        let job = try await desk.control.waitForJob(.payRedemptions, of: genesis.id, effectiveTime: schedule.nextRun)
        #expect(job.completedAt >= job.effectiveTime, "ran at or after its time: \(job)")
    }

    @Test("SPEC 7: tags are admin calls with unique ids: anyone else's, or a second tag with the same id, reverts")
    func tagRules() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(openingTime: Self.opening)
        let stranger = try await desk.node.account()
        let id = "conformance-\(UInt64.random(in: 0...UInt64.max))"
        let nat = try await desk.node.nat(stranger.address)
        let refused = try await desk.node.send(desk.control.schedules.createTag(id), .scheduler, by: stranger)
        #expect(refused.status == .reverted, "a tag created by a non-admin: \(refused.json)")
        // Were it accepted, this would release exactly one job (due at the opening + 5 s).
        let update = try await desk.node.send(desk.control.schedules.updateTag(try #require(desk.control.tags[.payRedemptions]),
            fastForwardUntil: .set(Self.opening.epochSeconds + 5)), .scheduler, by: stranger)
        #expect(update.status == .reverted, "a tag moved by a non-admin: \(update.json)")
        #expect(try await desk.node.nat(stranger.address) == nat - 2 * (try specFee(.scheduler, "create_tag")))
        #expect(try await desk.control.schedules.jobs(.payRedemptions, of: agent.agent).isEmpty, "the refused update released nothing")
        let admin = try await Network.shared.fundedAdmin()
        try await desk.node.succeed(desk.control.schedules.createTag(id), .scheduler, by: admin)
        let again = try await desk.node.send(desk.control.schedules.createTag(id), .scheduler, by: admin)
        #expect(again.status == .reverted, "a second tag \(id): \(again.json)")
        #expect(try await desk.asset.agents().contains { $0.id == agent.agent } == false, "an agent created for a test is private")
    }

    static func specFields(_ data: JSON) -> JSON {
        .object((data.objectValue ?? [:]).filter { ["schedule", "resource", "tag", "effective_time"].contains($0.key) })
    }
}
