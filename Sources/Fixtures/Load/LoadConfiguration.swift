import Foundation

/// The load run's settings from the environment: `LOAD_USERS`, `LOAD_DURATION`,
/// `LOAD_SEED`, `LOAD_ACTIONS` and `LOAD_FUNDER_KEY` (README "Environment variables").
public struct LoadConfiguration: Sendable, Equatable {
    /// Users per test case; `nil` keeps the trait's count.
    public var users: Int?
    /// How long users keep acting; `nil` keeps the trait's duration, else `defaultDuration`.
    public var duration: Duration?
    /// The run's seed; user n draws from `seed + n`. Random (and printed) when unset.
    public var seed: UInt64
    /// The only actions users may choose; `nil` for the case's whole mix.
    public var actions: Set<ActionName>?
    /// 64-hex seed of the funder on a network without a faucet.
    public var funderKey: String?

    /// Long enough that a redemption left unpaid on purpose passes the embedded devnet's
    /// 15-second window and gets defaulted within the run.
    public static let defaultDuration: Duration = .seconds(30)

    public init(seed: UInt64 = 0) { self.seed = seed }

    /// The actions of `mix` that `LOAD_ACTIONS` keeps (all of them when it is unset). A name
    /// that is in no mix the suite knows, built-in or `mix`, stops the run.
    public func narrow(_ mix: LoadMix) throws(ConfigurationError) -> [LoadAction] {
        guard let actions else { return mix.actions }
        let known = Set(ActionName.builtIn).union(mix.actionNames)
        if let unknown = actions.subtracting(known).sorted().first {
            throw ConfigurationError(variable: "LOAD_ACTIONS", value: actions.sorted().map(\.rawValue).joined(separator: ","),
                expected: "names of actions this case can run; \(unknown) is none of: "
                    + known.sorted().map(\.rawValue).joined(separator: ", "))
        }
        return mix.actions.filter { actions.contains($0.name) }
    }

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
            c.duration = .milliseconds(Int64((d * 1000).rounded()))
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
                let name = ActionName(part.trimmingCharacters(in: .whitespaces))
                guard name.isWellFormed else {
                    throw ConfigurationError(variable: "LOAD_ACTIONS", value: v,
                        expected: "a comma-separated list of action names (letters, digits, _ and -), such as "
                            + ActionName.builtIn.prefix(2).map(\.rawValue).joined(separator: ","))
                }
                names.insert(name)
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
