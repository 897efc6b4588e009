/// The name of a load action: one of seed 000's twelve built-in actions, or a name a user
/// gives an action of their own. Names appear in `LOAD_ACTIONS`, logs and reports.
///
/// ```swift
/// let name: ActionName = "TransferToPartner"   // a custom action's name
/// ActionName.redeemRandomAmount.rawValue        // "RedeemRandomAmount"
/// ```
public struct ActionName: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static let mintRandomAgentRandomAmount: ActionName = "MintRandomAgentRandomAmount"
    public static let mintLowestFeeAgentRandomAmount: ActionName = "MintLowestFeeAgentRandomAmount"
    public static let mintExecuteRandomMinting: ActionName = "MintExecuteRandomMinting"
    public static let mintRandomAgentRandomAmountBlockUnderlying: ActionName = "MintRandomAgentRandomAmountBlockUnderlying"
    public static let redeemRandomAmount: ActionName = "RedeemRandomAmount"
    public static let redeemDefaultRandomRedemption: ActionName = "RedeemDefaultRandomRedemption"
    public static let redeemDefaultRandomRedemptionBlockUnderlying: ActionName = "RedeemDefaultRandomRedemptionBlockUnderlying"
    public static let enterRandomPoolRandomAmount: ActionName = "EnterRandomPoolRandomAmount"
    public static let exitRandomPoolRandomAmount: ActionName = "ExitRandomPoolRandomAmount"
    public static let withdrawRandomPoolFees: ActionName = "WithdrawRandomPoolFees"
    public static let scenario1: ActionName = "Scenario1"
    public static let scenario2: ActionName = "Scenario2"

    /// The twelve built-in actions, in seed 000's table order.
    public static let builtIn: [ActionName] = [
        .mintRandomAgentRandomAmount, .mintLowestFeeAgentRandomAmount, .mintExecuteRandomMinting,
        .mintRandomAgentRandomAmountBlockUnderlying, .redeemRandomAmount, .redeemDefaultRandomRedemption,
        .redeemDefaultRandomRedemptionBlockUnderlying, .enterRandomPoolRandomAmount, .exitRandomPoolRandomAmount,
        .withdrawRandomPoolFees, .scenario1, .scenario2,
    ]

    /// Built-in actions in table order, then custom ones by name.
    public static func < (a: ActionName, b: ActionName) -> Bool {
        let i = builtIn.firstIndex(of: a) ?? builtIn.count
        let j = builtIn.firstIndex(of: b) ?? builtIn.count
        return i != j ? i < j : a.rawValue < b.rawValue
    }

    /// Whether the name can appear in `LOAD_ACTIONS` and file names: letters, digits, `_` and `-`.
    public var isWellFormed: Bool {
        !rawValue.isEmpty && rawValue.utf8.allSatisfy { c in
            (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == 95 || c == 45
        }
    }
}
