import Fixtures
import Foundation
import Networks
import Testing

/// Staged Ctrl-C on a real load run: the Load suite in a child process (as `./ledgerqa load`
/// runs it) against a standalone devnet process, stopped with real signals.
@Suite("Stopping a load run with Ctrl-C", .serialized, .timeLimit(.minutes(5)))
struct InterruptTests {
    /// Every account the run used holds at most dust.
    static func expectAllAtDust(_ world: LoadWorld, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let accounts = try await world.accounts()
        #expect(!accounts.rows.isEmpty, "the run left its accounts in the keystore", sourceLocation: sourceLocation)
        for row in accounts.rows where !row.isDust {
            Issue.record("\(row.record.label) \(row.record.address) holds \(row.funds.readable) and \(row.poolTokens) pool tokens",
                sourceLocation: sourceLocation)
        }
    }

    @Test("the first Ctrl-C lets every user finish its action, collects every user's funds and ends the run as interrupted")
    func firstSignal() async throws {
        try await LoadWorld.with { world in
            let run = try world.load(["LOAD_MIXES": "pools,scenarios", "LOAD_DURATION": "600"])
            try await run.waitFor("[pools] 2/600 s", timeout: .seconds(120))
            let sent = ContinuousClock.now
            run.signal(SIGINT)
            try await run.waitFor("SIGINT: stopping 2 load case(s)", timeout: .seconds(10))
            let exit = try await run.waitForExit(timeout: .seconds(150))
            let took = ContinuousClock.now - sent
            #expect(!exit.signalled && exit.status != 0, "the run fails as interrupted: \(exit)")
            for mix in ["pools", "scenarios"] {
                #expect(run.text.contains("Load case \(mix) INTERRUPTED (1 SIGNAL)"), "the \(mix) summary says interrupted")
            }
            #expect(run.text.contains("was interrupted (1 signal)"), "the test case records why it failed")
            print("first Ctrl-C: the run ended \(took) after the signal")
            try await Self.expectAllAtDust(world)
        }
    }

    @Test("a second Ctrl-C lists the busy users with their action and phase and stops waiting for timelocks")
    func secondSignal() async throws {
        try await LoadWorld.with { world in
            // Scenarios wait for pool tokens to unlock (10 s): users are busy in a wait most of the time.
            let run = try world.load(["LOAD_MIXES": "scenarios", "LOAD_DURATION": "600"])
            try await run.waitFor("[scenarios] 3/600 s", timeout: .seconds(120))
            run.signal(SIGINT)
            try await run.waitFor("SIGINT: stopping 1 load case(s)", timeout: .seconds(10))
            let second = ContinuousClock.now
            run.signal(SIGINT)
            try await run.waitFor("SIGINT again: no more waits", timeout: .seconds(10))
            try await run.waitFor("[scenarios] user-", timeout: .seconds(5))
            #expect(run.text.contains(", phase "), "each busy user is shown with its phase")
            let exit = try await run.waitForExit(timeout: .seconds(120))
            #expect(!exit.signalled && exit.status != 0)
            #expect(run.text.contains("Load case scenarios INTERRUPTED (2 SIGNALS)"))
            print("second Ctrl-C: the run ended \(ContinuousClock.now - second) after it")
            // What the second stage could not take at once (locked tokens) is for `ledgerqa recover`.
            let recover = try await world.ledgerqa(["recover"])
            #expect(recover.status == 0, "\(recover.output)")
            try await Self.expectAllAtDust(world)
        }
    }

    @Test("a third Ctrl-C exits at once with status 130, and `ledgerqa recover` alone returns every account's funds")
    func thirdSignal() async throws {
        try await LoadWorld.with { world in
            let run = try world.load(["LOAD_MIXES": "scenarios,pools", "LOAD_DURATION": "600"])
            try await run.waitFor("[pools] 2/600 s", timeout: .seconds(120))
            run.signal(SIGINT)
            try await run.waitFor("SIGINT: stopping", timeout: .seconds(10))
            run.signal(SIGINT)
            try await run.waitFor("SIGINT again", timeout: .seconds(10))
            run.signal(SIGINT)
            let exit = try await run.waitForExit(timeout: .seconds(10))
            #expect(!exit.signalled && exit.status == 130, "exit status \(exit)")
            #expect(run.text.contains("SIGINT a third time: exiting now"))
            let recover = try await world.ledgerqa(["recover"])
            #expect(recover.status == 0 && recover.output.contains("back with the funder"), "\(recover.output)")
            try await Self.expectAllAtDust(world)
        }
    }

    @Test("after SIGKILL, `ledgerqa recover` alone returns every account's funds; a second recover finds nothing to do")
    func killThenRecover() async throws {
        try await LoadWorld.with { world in
            // Mixes whose claims recover can always settle at once: a redemption whose payment
            // failed (deposits blocked when the bot paid) can only be defaulted after its deadline,
            // 600 s on this devnet, so a kill during one leaves its gas reserved until then.
            let run = try world.load(["LOAD_MIXES": "minting,pools", "LOAD_DURATION": "600"])
            try await run.waitFor("[minting] 4/600 s", timeout: .seconds(120))
            run.signal(SIGKILL)
            let exit = try await run.waitForExit(timeout: .seconds(10))
            #expect(exit.signalled && exit.status == SIGKILL)
            let before = try await world.accounts()
            #expect(before.rows.contains { !$0.isDust }, "the killed run left funds behind")
            let recover = try await world.ledgerqa(["recover"])
            #expect(recover.status == 0, "\(recover.output)")
            try await Self.expectAllAtDust(world)
            let again = try await world.ledgerqa(["recover"])
            #expect(again.status == 0 && again.output.contains("nothing to recover"), "\(again.output)")
            let listing = try await world.ledgerqa(["accounts"])
            #expect(listing.output.contains("at dust"), "\(listing.output)")
        }
    }
}
