import Fixtures
import Foundation
import Networks
import Testing

/// A user's end-to-end journey whose scheduled job the test runs itself.
@Suite("My pool rewards", .controlSchedules(["ACCRUE_POOL_REWARDS"]))
struct PoolRewardTests {
    @Test("a pool opened 2020-01-01 accrues 0.02 % when 2020-01-02's job runs")
    func accrues() async throws {
        let control = try ScheduleControl.current
        let collateral = 50_000 * Units.nat
        let agent = try await control.createAgent(openingTime: Date.utc(2020, 1, 1), poolCollateral: collateral)
        try await control.triggerNextScheduleJob(.accruePoolRewards, for: agent.pool, effectiveDate: Date.utc(2020, 1, 2))
        let pool = try await control.asset.pool(ofAgent: agent.agent)
        expectAmount(pool.totalCollateral, equals: collateral + collateral * 2 / 10_000, .nat, "the pool's collateral")
    }
}
