import Fixtures
import Networks
import Testing

/// Parallel users mint, redeem and use pools against the network; every action is checked
/// against SPEC arithmetic, every case is judged by its thresholds (built-in: success>=99%,
/// mismatches==0, invariants==0; LOAD_THRESHOLDS adds more), and every user's funds go back
/// to the funder. `LOAD_DURATION=120 swift test --filter Load` runs each mix for two minutes;
/// `LOAD_MIXES=pools,all` runs only those mixes.
@Suite(.loadUsers(50))
struct LoadTests {
    @Test("a flow keeps every user's state exact and returns the funds", arguments: LoadMix.selected())
    func flow(mix: LoadMix) async throws {
        let run = try LoadRun.current
        let report = try await run.run(mix)  // records an issue for every failed threshold, and when interrupted

        #expect(report.total.counts.finished > 0, "no action ran in the \(mix) mix")
        #expect(report.usersActed == report.users, "\(report.users - report.usersActed) of \(report.users) users never ended an action")
        for (label, funds, allowed) in try await run.leftovers() {
            #expect(funds.nat <= allowed.nat && funds.und <= allowed.und && funds.fund <= allowed.fund,
                "\(label) still holds \(funds.readable) after collection (it may keep \(allowed.readable))")
        }
        #expect(report.returned.nat > 0 && report.returned.und > 0, "the funder got nothing back of \(report.given.readable)")
    }
}
