import Fixtures
import Foundation
import Networks
import Synchronization
import Testing

/// ACCRUE_POOL_REWARDS under the test's control: a pool backdated to 2020-01-01 catches up
/// one job per trigger (by `pause_at`), and a pool opened now has its next midnight brought
/// forward (by `fast_forward_until`). Each job adds floor(C·2/10_000) to the collateral C.
@Suite("E2E accelerated pools", .controlSchedules(["ACCRUE_POOL_REWARDS"]), .timeLimit(.minutes(5)))
struct AcceleratedPoolTests {
    static let collateral: Int128 = 50_000 * Units.nat

    static func accrue(_ c: Int128) -> Int128 { c + c * 2 / 10_000 }

    @Test("a pool opened 2020-01-01 accrues exactly once per triggered day, by effective date")
    func backdated() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(openingTime: Date.utc(2020, 1, 1), poolCollateral: Self.collateral)
        #expect(try await j.asset.pool(ofAgent: agent.agent).totalCollateral == Self.collateral, "six years due, none ran")

        let first = try await j.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool, effectiveDate: Date.utc(2020, 1, 2))
        #expect(first.effectiveTime == Date.utc(2020, 1, 2).epochSeconds)
        #expect(try await j.asset.pool(ofAgent: agent.agent).totalCollateral == Self.accrue(Self.collateral))

        try await j.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool, effectiveDate: Date.utc(2020, 1, 3))
        #expect(try await j.asset.pool(ofAgent: agent.agent).totalCollateral == Self.accrue(Self.accrue(Self.collateral)))
        let next = try await j.control.schedules.schedule(.accruePoolRewards, of: agent.pool)
        #expect(next.nextRun == Date.utc(2020, 1, 4).epochSeconds && next.lastRun == Date.utc(2020, 1, 3).epochSeconds)
    }

    @Test("triggering with the wrong effective date reports both dates and runs nothing")
    func wrongEffectiveDate() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(openingTime: Date.utc(2020, 1, 1), poolCollateral: Self.collateral)
        let error = await #expect(throws: ScheduleControlError.self) {
            try await j.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool, effectiveDate: Date.utc(2020, 1, 5))
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("2020-01-02T00:00:00Z") && message.contains("2020-01-05T00:00:00Z"), "\(message)")
        #expect(try await j.control.schedules.jobs(.accruePoolRewards, of: agent.pool).isEmpty)
        #expect(try await j.asset.pool(ofAgent: agent.agent).totalCollateral == Self.collateral)
    }

    @Test("a pool opened now gets its next midnight's job at once by fast-forward")
    func fastForward() async throws {
        let j = try await Journey.begin()
        let agent = try await j.control.createAgent(poolCollateral: Self.collateral)
        let schedule = try await j.control.schedules.schedule(.accruePoolRewards, of: agent.pool)
        let midnight = (Date().epochSeconds / 86_400 + 1) * 86_400
        #expect(schedule.nextRun == midnight, "the first run is the first midnight after opening")
        let job = try await j.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool,
            effectiveDate: Date(epochSeconds: midnight))
        #expect(job.effectiveTime == midnight && job.completedAt < midnight, "run before its time: \(job)")
        #expect(try await j.asset.pool(ofAgent: agent.agent).totalCollateral == Self.accrue(Self.collateral))
        #expect(try await j.control.schedules.schedule(.accruePoolRewards, of: agent.pool).nextRun == midnight + 86_400)
    }

    @Test("parallel cases controlling the same schedule name never trigger each other's jobs", arguments: 1...4)
    func isolation(caseNumber: Int) async throws {
        let j = try await Journey.begin()
        let tag = try #require(j.control.tags[.accruePoolRewards])
        let agent = try await j.control.createAgent(openingTime: Date.utc(2020, 1, 1), poolCollateral: Self.collateral)
        #expect(try await j.control.schedules.schedule(.accruePoolRewards, of: agent.pool).tag == tag)
        for day in 0..<caseNumber + 1 {
            try await j.control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool, effectiveDate: Date.utc(2020, 1, 2 + day))
        }
        let expected = (0..<caseNumber + 1).map { Date.utc(2020, 1, 2 + $0).epochSeconds }
        #expect(try await j.control.schedules.jobs(.accruePoolRewards, of: agent.pool).map(\.effectiveTime) == expected,
            "case \(caseNumber) ran its own \(caseNumber + 1) jobs")
        // Every case that finished before this one must still have exactly its own jobs: the
        // last case to finish checks the others after all of their triggers.
        for (pool, theirs) in Self.finished.withLock({ $0 }) {
            #expect(try await j.control.schedules.jobs(.accruePoolRewards, of: pool).map(\.effectiveTime) == theirs,
                "another case's pool ran a job this case triggered")
        }
        Self.finished.withLock { $0[agent.pool] = expected }
    }

    static let finished = Mutex<[String: [Int64]]>([:])
}
