import Foundation

/// The load run's settings from the environment: `LOAD_USERS`, `LOAD_DURATION`,
/// `LOAD_SEED`, `LOAD_ACTIONS` and `LOAD_FUNDER_KEY` (README "Environment variables").
public struct LoadConfiguration: Sendable, Equatable {
    /// Users per test case; `nil` keeps the trait's count.
    public var users: Int?
    /// Seconds each user keeps acting. The default keeps `swift test` short.
    public var duration: Double = LoadConfiguration.defaultDuration
    /// The run's seed; user n draws from `seed + n`. Random (and printed) when unset.
    public var seed: UInt64
    /// The only actions users may choose; `nil` for the case's whole mix.
    public var actions: Set<ActionName>?
    /// 64-hex seed of the funder on a network without a faucet.
    public var funderKey: String?

    /// Long enough that a redemption left unpaid on purpose passes the embedded devnet's
    /// 15-second window and gets defaulted within the run.
    public static let defaultDuration: Double = 30

    public init(seed: UInt64 = 0) { self.seed = seed }

    public static func current() throws(ConfigurationError) -> LoadConfiguration {
        try parse(ProcessInfo.processInfo.environment)
    }

    public static func parse(_ env: [String: String]) throws(ConfigurationError) -> LoadConfiguration {
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        var c = LoadConfiguration(seed: UInt64.random(in: 1...999_999_999))
        if let v = value("LOAD_USERS") {
            guard let n = Int(v), (1...10_000).contains(n) else {
                throw ConfigurationError(variable: "LOAD_USERS", value: v, expected: "a whole number of users from 1 to 10000")
            }
            c.users = n
        }
        if let v = value("LOAD_DURATION") {
            guard let d = Double(v), d.isFinite, d > 0, d <= 86_400 else {
                throw ConfigurationError(variable: "LOAD_DURATION", value: v, expected: "seconds, a number above 0 and at most 86400 (e.g. 120)")
            }
            c.duration = d
        }
        if let v = value("LOAD_SEED") {
            guard let s = UInt64(v) else {
                throw ConfigurationError(variable: "LOAD_SEED", value: v, expected: "a whole number from 0 to 18446744073709551615")
            }
            c.seed = s
        }
        if let v = value("LOAD_ACTIONS") {
            var names: Set<ActionName> = []
            for part in v.split(separator: ",") {
                let name = part.trimmingCharacters(in: .whitespaces)
                guard let action = ActionName(rawValue: name) else {
                    throw ConfigurationError(variable: "LOAD_ACTIONS", value: v,
                        expected: "a comma-separated list of action names from: " + ActionName.allCases.map(\.rawValue).joined(separator: ", "))
                }
                names.insert(action)
            }
            guard !names.isEmpty else {
                throw ConfigurationError(variable: "LOAD_ACTIONS", value: v, expected: "at least one action name")
            }
            c.actions = names
        }
        if let v = value("LOAD_FUNDER_KEY") {
            guard v.utf8.count == 64, v.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw ConfigurationError(variable: "LOAD_FUNDER_KEY", value: "<\(v.count) characters>",
                    expected: "the funder's key seed as 64 lowercase hex characters")
            }
            c.funderKey = v
        }
        return c
    }
}

/// The twelve actions of seed 000's table.
public enum ActionName: String, Sendable, CaseIterable, Codable, Comparable {
    case mintRandomAgentRandomAmount = "MintRandomAgentRandomAmount"
    case mintLowestFeeAgentRandomAmount = "MintLowestFeeAgentRandomAmount"
    case mintExecuteRandomMinting = "MintExecuteRandomMinting"
    case mintRandomAgentRandomAmountBlockUnderlying = "MintRandomAgentRandomAmountBlockUnderlying"
    case redeemRandomAmount = "RedeemRandomAmount"
    case redeemDefaultRandomRedemption = "RedeemDefaultRandomRedemption"
    case redeemDefaultRandomRedemptionBlockUnderlying = "RedeemDefaultRandomRedemptionBlockUnderlying"
    case enterRandomPoolRandomAmount = "EnterRandomPoolRandomAmount"
    case exitRandomPoolRandomAmount = "ExitRandomPoolRandomAmount"
    case withdrawRandomPoolFees = "WithdrawRandomPoolFees"
    case scenario1 = "Scenario1"
    case scenario2 = "Scenario2"

    public static func < (a: ActionName, b: ActionName) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
