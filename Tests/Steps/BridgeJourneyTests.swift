import Fixtures
import Networks
import Testing

/// The bridged-asset journey from a YAML config: an agent created from `agents.json` (bound to
/// this test's schedule tags), a minter and a redeemer worker, two rounds.
@Suite("Steps: bridged-asset journey")
struct BridgeJourneyTests {
    @Test("two rounds of minting and redeeming on a seeded agent whose PAY_REDEMPTIONS the steps trigger",
        .controlSchedules(["PAY_REDEMPTIONS"]), .stepRunner("Journeys/bridge/config.yaml"), .timeLimit(.minutes(5)))
    func twoRounds() async throws {
        let runner = try StepRunner.current
        try await runner.run(BridgeSteps.all)
        #expect(runner.rounds == 2)
        #expect(try runner.int("totals.minted_lots", scope: .global) == 4)
        #expect(try runner.int("totals.redeemed_lots", scope: .global) == 2)
        let settings = try await BridgeSteps.asset(runner).settings()
        let pay = settings.lotSize - settings.lotSize * Spec.redemptionFeeBips / 10_000
        #expect(try runner.amount("totals.und_received", scope: .global) == 2 * pay, "two lots paid at value − redemption fee")
        let jobs = try await ScheduleControl.current.schedules.jobs(.payRedemptions, of: BridgeSteps.agent(runner).agent)
        #expect(jobs.count == 2, "exactly the two triggered jobs ran: \(jobs)")
    }
}
