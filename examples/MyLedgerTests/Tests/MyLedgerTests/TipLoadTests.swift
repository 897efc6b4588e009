import Fixtures
import Networks
import Testing

/// A user's short load test: three users mint and run an action of the user's own, each
/// checked after every action against SPEC arithmetic.
@Suite(.loadUsers(3, duration: .seconds(5)))
struct TipLoadTests {
    /// Sends 1 NAT to the partner. Recording the transfer in both users' effects lets the
    /// standard expected state and the NAT-conservation invariant account for it.
    static let tipPartner = LoadAction("TipPartner", involvesPartner: true, condition: { $0.state.nat > 10 * Units.nat }) { user in
        guard let partner = user.partner else { return }
        try await user.send(Call(contract: "native", method: "transfer",
            args: ["to": .string(partner.address), "amount": Amount.wire(Units.nat)]), phase: "tip")
        user.effects.natSent += Units.nat
        partner.effects.natSent -= Units.nat
    }

    @Test("minting and tipping keep every user's state exact")
    func tips() async throws {
        let mix = LoadMix("tips", [.mintRandomAgentRandomAmount, Self.tipPartner])
        let report = try await LoadRun.current.run(mix)
        #expect(report.summary("TipPartner").counts.succeeded > 0, "the custom action ran")
        #expect(report.mismatchCount == 0, "\(report.mismatches.prefix(5).map(\.mismatch))")
        #expect(report.invariantViolations.isEmpty, "\(report.invariantViolations)")
        #expect(report.summary(.mintRandomAgentRandomAmount).latency.p95 < .seconds(30))
    }
}
