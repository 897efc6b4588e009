import Networks

/// One thing a load user can do (seed 000's "action bundle"): when it may run, how it
/// runs, and the state it must leave. Actions are values; the engine runs them.
public struct LoadAction: Sendable {
    public let name: ActionName
    /// Whether the action can run now, judged from the user's last observed state.
    public let condition: @Sendable (LoadUser) -> Bool
    /// Performs the action, recording what it did in `user.effects`.
    public let run: @Sendable (LoadUser) async throws -> Void
    /// The state the user must be in afterwards (SPEC arithmetic on the effects).
    public let expectedState: @Sendable (UserState, Effects, AssetSettingsInfo) -> Expectation
    /// True when the action also moves the partner's funds, whose state is then checked too.
    public let involvesPartner: Bool

    public init(
        _ name: ActionName, involvesPartner: Bool = false, condition: @escaping @Sendable (LoadUser) -> Bool,
        run: @escaping @Sendable (LoadUser) async throws -> Void,
        expectedState: @escaping @Sendable (UserState, Effects, AssetSettingsInfo) -> Expectation = ExpectedState.standard
    ) {
        self.name = name
        self.condition = condition
        self.run = run
        self.expectedState = expectedState
        self.involvesPartner = involvesPartner
    }

    /// All twelve actions, in seed 000's order.
    public static let all: [LoadAction] = MintActions.all + RedeemActions.all + PoolActions.all + ScenarioActions.all

    public static func named(_ names: Set<ActionName>) -> [LoadAction] { all.filter { names.contains($0.name) } }
}

extension ExpectedState {
    /// `standard(before:effects:settings:)` with the signature `LoadAction` stores.
    public static let standard: @Sendable (UserState, Effects, AssetSettingsInfo) -> Expectation = { before, effects, settings in
        standard(before: before, effects: effects, settings: settings)
    }
}
