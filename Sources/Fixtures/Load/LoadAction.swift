import Networks

/// One thing a load user can do (seed 000's "action bundle"): when it may run, how it
/// runs, and the state it must leave. Actions are values; the engine runs them.
///
/// A custom action records what it did in `user.effects` through the user's `send` and
/// `pay`, so the standard expected state covers its gas and fees:
///
/// ```swift
/// let tip = LoadAction("TipPartner", condition: { $0.state.nat > 10 * Units.nat }) { user in
///     guard let partner = user.partner else { return }
///     try await user.send(Call(contract: "native", method: "transfer",
///         args: ["to": .string(partner.address), "amount": Amount.wire(Units.nat)]), phase: "tip")
///     user.effects.natSent += Units.nat
/// }
/// ```
public struct LoadAction: Sendable {
    public let name: ActionName
    /// Whether the action can run now, judged from the user's last observed state.
    public let condition: @Sendable (LoadUser) -> Bool
    /// Performs the action, recording what it did in `user.effects`.
    public let run: @Sendable (LoadUser) async throws -> Void
    /// The state the user must be in afterwards (SPEC arithmetic on the effects).
    public let expectedState: @Sendable (UserState, Effects, AssetSettingsInfo) -> StateExpectation
    /// True when the action also moves the partner's funds, whose state is then checked too.
    public let involvesPartner: Bool

    public init(
        _ name: ActionName, involvesPartner: Bool = false, condition: @escaping @Sendable (LoadUser) -> Bool,
        run: @escaping @Sendable (LoadUser) async throws -> Void,
        expectedState: @escaping @Sendable (UserState, Effects, AssetSettingsInfo) -> StateExpectation = ExpectedState.standard
    ) {
        self.name = name
        self.condition = condition
        self.run = run
        self.expectedState = expectedState
        self.involvesPartner = involvesPartner
    }

    /// The twelve built-in actions of seed 000, in its table order.
    public static let builtIn: [LoadAction] = [
        .mintRandomAgentRandomAmount, .mintLowestFeeAgentRandomAmount, .mintExecuteRandomMinting,
        .mintRandomAgentRandomAmountBlockUnderlying, .redeemRandomAmount, .redeemDefaultRandomRedemption,
        .redeemDefaultRandomRedemptionBlockUnderlying, .enterRandomPoolRandomAmount, .exitRandomPoolRandomAmount,
        .withdrawRandomPoolFees, .scenario1, .scenario2,
    ]

    /// The built-in action with this name, if there is one.
    public static func builtIn(_ name: ActionName) -> LoadAction? { builtIn.first { $0.name == name } }
}

extension ExpectedState {
    /// `standard(before:effects:settings:)` with the signature `LoadAction` stores.
    public static let standard: @Sendable (UserState, Effects, AssetSettingsInfo) -> StateExpectation = { before, effects, settings in
        standard(before: before, effects: effects, settings: settings)
    }
}
