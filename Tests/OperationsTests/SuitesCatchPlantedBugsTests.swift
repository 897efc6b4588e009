import Fixtures
import Foundation
import Networks
import Testing

/// The suites catch a node that breaks SPEC: each case plants one bug in the embedded devnet
/// of a child run of this test bundle (`DEVNET_PLANT`) and runs a product suite against it,
/// which must fail and name what broke. `scripts/planted-bugs` runs every plantable bug the
/// same way; these cases keep a sample of it in CI.
@Suite("Planted bugs fail the suites", .timeLimit(.minutes(10)))
struct SuitesCatchPlantedBugsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let plant: String
        /// The suite run: `Conformance`, or the Load suite (the `all` mix, 10 users, 10 s).
        let filter: String
        /// What the failing run must print: one of these (a rule two refusal actions probe is
        /// named by whichever of them its users drew first).
        let messages: [String]
        /// The Load suite's mix.
        var mixes = "all"
        var testDescription: String { "\(plant) fails \(filter)" }
    }

    static var executeGas: Int64 { SpecGas.gas(.assetManager, "execute_minting") ?? 0 }

    static let cases: [Case] = [
        // Overcharged gas that the receipt and the balance agree on: only SPEC's table catches it.
        Case(plant: "gas:asset_manager.execute_minting:1:+1000", filter: EmbeddedSuiteRun.loadSuite,
            messages: ["receipt[asset_manager.execute_minting].gas_used: expected \(executeGas), actual \(executeGas + 1000)"]),
        Case(plant: "gas:pool.exit:1:+1000", filter: "Conformance",
            messages: ["pool.exit: gas_used is \((SpecGas.gas(.pool, "exit") ?? 0) + 1000), SPEC expects \(SpecGas.gas(.pool, "exit") ?? 0)"]),
        // A refusal rule forgotten: the load's refusal actions and the conformance checks probe it.
        Case(plant: "skip:pool.timelock", filter: EmbeddedSuiteRun.loadSuite,
            messages: ["refusal[pool.exit of locked tokens]: expected reverted with TokensLocked, actual included and succeeded",
                "refusal[pool.transfer of locked tokens]: expected reverted with TokensLocked, actual included and succeeded"]),
        // A bot's payment into deposits the redeemer had blocked, which a reconcile by timestamps let through.
        Case(plant: "skip:und.deposit_blocked", filter: EmbeddedSuiteRun.loadSuite,
            messages: ["expected a failed payment: deposits blocked from before the request until after the bot's attempt, actual status SUCCESSFUL"],
            mixes: "redeeming"),
        Case(plant: "skip:tx.replayed_nonce", filter: "Conformance",
            messages: ["the same transaction again was accepted; SPEC 2 refuses it with an error in 2000-2099"]),
    ]

    @Test("a suite run against a devnet with a planted bug fails and names it", arguments: cases)
    func plantedBugFails(_ bug: Case) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-plant-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let child = try EmbeddedSuiteRun.start(filter: bug.filter,
            settings: ["DEVNET_PLANT": bug.plant, "LOAD_MIXES": bug.mixes, "LOAD_USERS": "10", "LOAD_DURATION": "10"],
            home: home, name: "\(bug.filter) with \(bug.plant)")
        let exit = try await child.waitForExit(timeout: .seconds(480))
        #expect(!exit.signalled && exit.status != 0, "the \(bug.filter) run passed with \(bug.plant) planted")
        #expect(bug.messages.contains { child.text.contains($0) },
            "the run names what broke: expected one of \(bug.messages) in:\n\(child.text.suffix(3000))")
    }
}
