public import Testing
import Foundation

/// A named set of actions each user of a load case chooses from: the Load suite's six
/// built-in mixes, or a mix of your own with custom actions beside built-in ones.
///
/// ```swift
/// let mine = LoadMix("transfers", [.enterRandomPoolRandomAmount, myAction])
/// let report = try await LoadRun.current.run(mine)
/// ```
public struct LoadMix: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    /// The mix's name: the case label in logs and reports.
    public let name: String
    /// The actions users choose from, each picked with equal chance while its condition holds;
    /// an action listed twice is picked twice as often (its report row stays one).
    public let actions: [LoadAction]

    public init(_ name: String, _ actions: [LoadAction]) {
        self.name = name
        self.actions = actions
    }

    public var description: String { name }
    public var testDescription: String { name }

    /// The names of the mix's actions.
    public var actionNames: [ActionName] { actions.map(\.name) }

    /// This mix with more actions.
    public func adding(_ more: LoadAction...) -> LoadMix { LoadMix(name, actions + more) }

    /// The four minting actions.
    public static let minting = LoadMix("minting", [
        .mintRandomAgentRandomAmount, .mintLowestFeeAgentRandomAmount, .mintExecuteRandomMinting,
        .mintRandomAgentRandomAmountBlockUnderlying,
    ])
    /// The three redemption actions, and a minting action so that users hold FUND to redeem.
    public static let redeeming = LoadMix("redeeming", [
        .mintRandomAgentRandomAmount, .redeemRandomAmount, .redeemDefaultRandomRedemption,
        .redeemDefaultRandomRedemptionBlockUnderlying,
    ])
    /// The three pool actions, and a minting action so that pools earn fees to withdraw.
    public static let pools = LoadMix("pools", [
        .mintLowestFeeAgentRandomAmount, .enterRandomPoolRandomAmount, .exitRandomPoolRandomAmount, .withdrawRandomPoolFees,
    ])
    /// Seed 000's two scenarios.
    public static let scenarios = LoadMix("scenarios", [.scenario1, .scenario2])
    /// The refusals: what SPEC must refuse at that moment, tried now and then, with the actions
    /// that make them possible (mintings to execute twice, failed payments to default early).
    public static let refusals = LoadMix("refusals", [
        .mintRandomAgentRandomAmount, .redeemDefaultRandomRedemptionBlockUnderlying, .enterRandomPoolRandomAmount,
    ] + RefusalActions.all)
    /// The twelve built-in actions and the refusals.
    public static let all = LoadMix("all", LoadAction.builtIn + RefusalActions.all)

    /// The Load suite's mixes: one test case each.
    public static let builtIn: [LoadMix] = [.minting, .redeeming, .pools, .scenarios, .refusals, .all]

    /// The built-in mixes `LOAD_MIXES` names (comma-separated, from the process environment,
    /// since test arguments are fixed before any test runs), else all six. Unknown names are
    /// left out here and reported by `LoadConfiguration` when the run starts.
    public static func selected(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> [LoadMix] {
        guard let text = environment["LOAD_MIXES"], !text.trimmingCharacters(in: .whitespaces).isEmpty else { return builtIn }
        let names = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let chosen = builtIn.filter { names.contains($0.name) }
        return chosen.isEmpty ? builtIn : chosen
    }
}
