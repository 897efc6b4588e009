import Fixtures
import Networks
import Testing

/// Parallel users mint, redeem and use pools against the network; every action is checked
/// against SPEC arithmetic and every user's funds go back to the funder.
/// `LOAD_DURATION=120 swift test --filter Load` runs each mix for two minutes.
@Suite(.loadUsers(50))
struct LoadTests {
    @Test("a flow keeps every user's state exact and returns the funds", arguments: LoadMix.builtIn)
    func flow(mix: LoadMix) async throws {
        let run = try LoadRun.current
        let report = try await run.run(mix)

        #expect(report.total.counts.finished > 0, "no action ran in the \(mix) mix")
        #expect(report.successRate >= 0.99, "success rate \(report.successRate) below 99 %: \(report.failures.prefix(5).map(\.error))")
        #expect(report.mismatchCount == 0, "state mismatches: \(report.mismatches.prefix(10).map(\.mismatch))")
        #expect(report.invariantViolations.isEmpty, "invariants: \(report.invariantViolations)")

        for (label, funds) in try await run.leftovers() {
            #expect(funds.nat <= LoadRun.dust.nat && funds.und <= LoadRun.dust.und && funds.fund <= LoadRun.dust.fund,
                "\(label) still holds \(funds.readable) after collection")
        }
        #expect(report.returned.nat > 0 && report.returned.und > 0, "the funder got nothing back of \(report.given.readable)")
    }
}
