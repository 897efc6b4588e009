import Fixtures
import Networks
import Testing

/// The example of docs/steps.md: alice tips bob every round; the test checks the balances
/// against SPEC 3 (a transfer costs 21,000 gas at 25 gwei) and the total across rounds.
@Suite("Steps: the docs example")
struct TipJourneyTests {
    /// A tip from `payer` to `payee`; both are captured, as seed 001 passes extra parameters with `functools.partial`.
    static func tip(from payer: String, to payee: String) -> Step {
        Step("tip_\(payee)", "\(payer) tips \(payee) the config's tip", worker: payer,
            prepare: { runner, worker in
                let amount = try Asset.nat.parse(try runner.string("tip"))  // "0.25 NAT" from config.json
                let transfer: JSON = ["to": .string(try runner.worker(payee).address), "amount": Amount.wire(amount)]
                return ["transfer": transfer, "signature": .string(try worker.sign(transfer))]
            },
            execute: { runner, worker, payload in
                let transfer = try #require(payload["transfer"]?.objectValue)
                let amount = try Amount.parse(try #require(transfer["amount"]?.stringValue))
                let account = try worker.account()
                let before = try await account.balance()
                let receipt = try await account.send(Call(contract: "native", method: "transfer", args: transfer))
                try #require(receipt.status == .success, "transfer: \(receipt.json)")
                let gas: Int128 = 21_000 * 25_000_000_000  // SPEC 3
                try #require(before - (try await account.balance()) == amount + gas, "the tip and the gas left \(worker.name)")
                try runner.set("tipped", amount: try runner.amount("tipped", scope: .global, default: 0) + amount, scope: .global)
            })
    }

    @Test("alice tips bob in each of two rounds", .stepRunner("Journeys/tips/config.json"), .timeLimit(.minutes(5)))
    func tips() async throws {
        let runner = try StepRunner.current
        let bob = try runner.worker("bob").account()
        let before = try await bob.balance()
        try await runner.run([Self.tip(from: "alice", to: "bob")])
        #expect(try runner.amount("tipped", scope: .global) == Units.nat / 2, "two tips of 0.25 NAT")
        #expect(try await bob.balance() - before == Units.nat / 2)
    }
}
