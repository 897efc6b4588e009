import Fixtures
import Foundation
import Networks
import Testing

/// The action mixes the Load suite runs, one test case each.
enum LoadMix: String, CaseIterable, CustomTestStringConvertible {
    case minting, redeeming, pools, scenarios, all

    /// Redeeming needs FUND and pool fees need mintings, so those mixes mint too.
    var actions: [ActionName] {
        switch self {
        case .minting:
            [.mintRandomAgentRandomAmount, .mintLowestFeeAgentRandomAmount, .mintExecuteRandomMinting, .mintRandomAgentRandomAmountBlockUnderlying]
        case .redeeming:
            [.mintRandomAgentRandomAmount, .redeemRandomAmount, .redeemDefaultRandomRedemption, .redeemDefaultRandomRedemptionBlockUnderlying]
        case .pools: [.mintLowestFeeAgentRandomAmount, .enterRandomPoolRandomAmount, .exitRandomPoolRandomAmount, .withdrawRandomPoolFees]
        case .scenarios: [.scenario1, .scenario2]
        case .all: ActionName.allCases
        }
    }

    var testDescription: String { rawValue }
}

/// Parallel users mint, redeem and use pools against the network; every action is checked
/// against SPEC arithmetic and every user's funds go back to the funder.
/// `LOAD_DURATION=120 swift test --filter Load` runs each mix for two minutes.
@Suite(.loadUsers(50))
struct LoadTests {
    @Test("a flow keeps every user's state exact and returns the funds", arguments: LoadMix.allCases)
    func flow(mix: LoadMix) async throws {
        let run = try LoadUsers.current()
        let report = try await run.run(mix.actions, label: mix.rawValue)
        print(report.text)
        Attachment.record(report.text, named: "load-\(mix.rawValue).txt")

        #expect(report.stats.executed > 0, "no action ran in the \(mix) mix")
        #expect(report.stats.successRate >= 0.99, "success rate \(report.stats.successRate) below 99 %: \(report.stats.failures.prefix(5))")
        #expect(report.stats.mismatches.isEmpty, "state mismatches: \(report.stats.mismatches.prefix(10))")
        #expect(report.invariantViolations.isEmpty, "invariants: \(report.invariantViolations)")

        let returned = await run.collectAll()
        let given = run.users.flatMap { [$0.record.given] + ($0.partner.map { [$0.record.given] } ?? []) }.reduce(Funds(), +)
        for (label, funds) in try await run.leftovers() {
            #expect(funds.nat <= LoadRun.dust.nat && funds.und <= LoadRun.dust.und && funds.fund <= LoadRun.dust.fund,
                "\(label) still holds \(funds.nat) wei, \(funds.und) drops, \(funds.fund) uba after collection")
        }
        #expect(returned.nat > 0 && returned.und > 0, "the funder got nothing back of \(given.nat) wei and \(given.und) drops")
        print("funds: given \(given.nat) wei + \(given.und) drops; returned \(returned.nat) wei + \(returned.und) drops + \(returned.fund) uba")
    }
}
