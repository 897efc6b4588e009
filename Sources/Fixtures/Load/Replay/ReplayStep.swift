import Networks

/// One action one user ran, as `replay.json` keeps it: what it drew, when it ran, and what it
/// left (balances after it, mismatches found).
public struct ReplayStep: Codable, Sendable, Hashable {
    /// Its place in the case's global start order, from 0.
    public var order: Int
    /// The user's index (`user-<n>`).
    public var user: Int
    public var action: ActionName
    public var draws: [ReplayDraw]
    /// Seconds since the case began, when the action started and ended.
    public var start: Double
    public var end: Double
    /// `success` or `failure`.
    public var outcome: String
    public var error: String?
    public var mismatches: [ReplayMismatch]
    /// The user's (and, for an action that involves it, the partner's) balances after the action.
    public var after: ReplayBalances?
    public var partnerAfter: ReplayBalances?
    /// In a replay: why the action could not follow its recorded draws (nil when it did).
    public var divergence: String?

    public init(order: Int = 0, user: Int, action: ActionName, draws: [ReplayDraw], start: Double, end: Double, outcome: String,
        error: String? = nil, mismatches: [ReplayMismatch] = [], after: ReplayBalances? = nil, partnerAfter: ReplayBalances? = nil)
    {
        self.order = order
        self.user = user
        self.action = action
        self.draws = draws
        self.start = start
        self.end = end
        self.outcome = outcome
        self.error = error
        self.mismatches = mismatches
        self.after = after
        self.partnerAfter = partnerAfter
    }

    /// True when the action failed or left a mismatch.
    public var failed: Bool { outcome != "success" || !mismatches.isEmpty }
}

/// A mismatch as replay.json keeps it.
public struct ReplayMismatch: Codable, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var expected: String
    public var actual: String

    public init(_ m: Mismatch) {
        field = m.field
        expected = m.expected
        actual = m.actual
    }

    public var description: String { "\(field): expected \(expected), actual \(actual)" }
}

/// An account's balances in base units, and its pool tokens by agent.
public struct ReplayBalances: Codable, Sendable, Hashable, CustomStringConvertible {
    public var nat: String
    public var und: String
    public var fund: String
    public var poolTokens: [String: String]

    public init(_ state: UserState) {
        nat = String(state.nat)
        und = String(state.und)
        fund = String(state.fund)
        poolTokens = state.pools.mapValues { String($0.tokens) }.filter { $0.value != "0" }
    }

    public var description: String {
        "nat \(nat), und \(und), fund \(fund)" + poolTokens.sorted { $0.key < $1.key }.map { ", pool[\($0.key.prefix(10))] \($0.value)" }.joined()
    }
}
