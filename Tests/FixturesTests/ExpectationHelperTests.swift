import Fixtures
import Networks
import Testing

extension Issue {
    /// The issue's comments, where `Issue.record` puts its message.
    var text: String { comments.map(\.rawValue).joined(separator: "\n") }
}

/// The expectation helpers compare with SPEC, and their messages show whole units beside base units.
@Suite("Expectation helpers")
struct ExpectationHelperTests {
    @Test("a wrong amount is reported in whole units beside base units, with the difference")
    func amountMessage() {
        withKnownIssue {
            expectAmount(12_347_468_000_000_000_000_000, equals: 12_347_469_000_000_000_000_000, .nat, "alice's NAT")
        } matching: { issue in
            issue.text.contains("alice's NAT: expected 12,347.469 NAT (12347469000000000000000 wei), actual 12,347.468 NAT (12347468000000000000000 wei) (off by -0.001 NAT)")
        }
        #expect(expectAmount(5, equals: 5, .und, "equal amounts"))
    }

    @Test("a receipt is held to SPEC 3's gas and fee, not to its own figures")
    func specFee() {
        let honest = Receipt(hash: "h", block: 1, timestamp: 0, status: .success, gasUsed: 130_000, fee: 130_000 * 25_000_000_000,
            result: nil, error: nil, events: [])
        #expect(expectSpecFee(honest, .pool, "exit"))
        var overcharged = honest
        overcharged.gasUsed = 131_000
        overcharged.fee = 131_000 * 25_000_000_000
        withKnownIssue {
            expectSpecFee(overcharged, .pool, "exit")
        } matching: { issue in
            issue.text.contains("pool.exit used 131000 gas; SPEC 3 fixes 130000")
                || issue.text.contains("the fee of pool.exit: expected 0.00325 NAT (3250000000000000 wei), actual 0.003275 NAT")
        }
    }

    @Test("a native transfer moves the sender's balance by SPEC's fee plus the value, checked through a watch")
    func watchTransfer() async throws {
        let connection = try await Network.shared.connection()
        let sender = try await connection.newAccount(nat: 10 * Units.nat)
        let receiver = KeyPair()
        let watch = try await BalanceWatch.nat(of: sender.address, on: connection.chain)
        #expect(watch.before == 10 * Units.nat)
        let receipt = try await sender.send(Call(contract: "native", method: "transfer",
            args: ["to": .string(receiver.address), "amount": Amount.wire(Units.nat)]))
        #expect(expectSpecFee(receipt, .native, "transfer"))
        let fee = try #require(SpecGas.fee(.native, "transfer"))
        #expect(try await watch.expectChange(by: -(Units.nat + fee), "the sender's NAT"))
        try await withKnownIssue {
            try await watch.expectChange(by: -Units.nat, "the sender's NAT, forgetting the fee")
        } matching: { issue in
            issue.text.contains("expected 9 NAT (9000000000000000000 wei), actual 8.999475 NAT")
        }
    }
}
