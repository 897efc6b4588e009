import Fixtures
import Foundation
import Networks
import Testing

/// A run killed in the middle of a round, in a real child process, and run again: the rerun
/// skips the steps that completed and finishes; `LEDGERQA_RESET=1` starts over instead.
@Suite("Steps: resuming an interrupted run")
struct ResumeTests {
    /// The journey the children run; skipped unless LEDGERQA_STEPS_CHILD=1.
    @Test("the market journey in a child process", .enabled(if: ChildRun.isChild),
        .stepRunner("Journeys/market/config.json", name: ChildRun.runName), .timeLimit(.minutes(5)))
    func marketInChild() async throws {
        try await StepRunner.current.run(ChildRun.killing(MarketSteps.all))
    }

    @Test("a run killed in round 2 resumes at the step that did not finish, skipping the completed ones, and finishes",
        .timeLimit(.minutes(5)))
    func resumesAfterKill() async throws {
        try await ChildWorld.with { world in
            let killed = try await world.runChild(killAt: "2:buyer_buys")
            try #require(killed.signalled && killed.status == SIGKILL, "\(killed)")
            let stopped = try world.state()
            #expect(stopped["round"]?.intValue == 2 && stopped["finished"]?.boolValue == false, "\(stopped)")
            #expect(stopped["steps"] == ["open_round": "done", "seller_buys": "done"], "round 2's completed steps: \(stopped)")
            let first = try world.log(of: killed.pid)
            #expect(first.contains("STEP_DONE round=2 step=seller_buys"))
            #expect(first.hasSuffix(first.lineContaining("STEP_START round=2 step=buyer_buys") + "\n"), "the last line is buyer_buys starting")

            let rerun = try await world.runChild()
            try #require(!rerun.signalled && rerun.status == 0, "\(rerun)")
            let second = try world.log(of: rerun.pid)
            #expect(second.contains("RUN_RESUMED round=2 completed=open_round,seller_buys"))
            #expect(second.contains("SEEDED_ALREADY"), "the data seeded before the kill is used, not seeded again")
            #expect(!second.contains("STEP_START round=1 "), "round 1 completed before the kill")
            for step in ["open_round", "seller_buys"] {
                #expect(!second.contains("STEP_START round=2 step=\(step) "), "\(step) is not repeated")
                #expect(second.contains("STEP_ALREADY_DONE round=2 step=\(step) outcome=done"))
            }
            #expect(second.contains("STEP_START round=2 step=buyer_buys"), "the rerun starts at the step that was killed")
            #expect(second.contains("STEP_DONE round=3 step=settle_round") && second.contains("RUN_DONE"))
            #expect(second.contains("COLLECTED"), "the finished run returned its accounts' funds")
            let finished = try world.state()
            #expect(finished["finished"]?.boolValue == true && finished["round"]?.intValue == 4, "\(finished)")
            #expect(finished["global"]?["totals"]?["keys_bought"]?.intValue == 9, "every buy happened exactly once: \(finished)")
        }
    }

    @Test("LEDGERQA_RESET=1 starts a killed run over: seeds fresh data and runs from round 1",
        .timeLimit(.minutes(5)))
    func resetStartsOver() async throws {
        try await ChildWorld.with { world in
            let killed = try await world.runChild(killAt: "1:seller_sells")
            try #require(killed.signalled && killed.status == SIGKILL, "\(killed)")
            let stopped = try world.state()
            #expect(stopped["steps"] == ["open_round": "done", "seller_buys": "done", "buyer_buys": "done"], "\(stopped)")
            let instance = try #require(stopped["seeded"]?["creator_keys"]?.stringValue)

            let malformed = try await world.runChild(reset: "maybe")
            #expect(!malformed.signalled && malformed.status != 0, "\(malformed)")
            #expect(malformed.text.contains(#"LEDGERQA_RESET="maybe" is malformed: expected true or false"#), "\(malformed)")
            #expect(try world.state() == stopped, "a malformed LEDGERQA_RESET changes nothing")

            let reset = try await world.runChild(reset: "1")
            try #require(!reset.signalled && reset.status == 0, "\(reset)")
            let log = try world.log(of: reset.pid)
            #expect(log.contains("RUN_RESET"), "the old state was deleted")
            #expect(log.contains("COLLECTED accounts="), "the old run's accounts were collected before starting over")
            #expect(log.contains("RUN_START run=\(ChildRun.runName)") && !log.contains("RUN_RESUMED") && !log.contains("STEP_ALREADY_DONE"))
            #expect(log.contains("STEP_START round=1 step=open_round"), "round 1 runs again from its first step")
            let fresh = try world.state()
            #expect(fresh["finished"]?.boolValue == true, "\(fresh)")
            #expect(fresh["seeded"]?["creator_keys"]?.stringValue != instance, "a fresh creator-keys instance was seeded")
            #expect(fresh["global"]?["totals"]?["keys_bought"]?.intValue == 9, "the new run counted only its own buys")
        }
    }
}

extension String {
    /// The first line containing `text`, or "" when none does.
    func lineContaining(_ text: String) -> String {
        split(separator: "\n").first { $0.contains(text) }.map(String.init) ?? ""
    }
}
