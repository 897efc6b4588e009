public import Testing

/// Skips a test, with the reason, when the network under test lacks what the test needs: its
/// admin key (`DEVNET_ADMIN_KEY`), its faucet (`devnet_faucet`, devnet only), or any way to
/// fund accounts (the faucet or the admin key). Decided in `prepare(for:)`, once per process,
/// so consoles and xUnit report a skip.
public struct RequiresNetworkTrait: TestTrait, SuiteTrait {
    /// What a test needs from the network.
    public enum Need: Sendable, Hashable {
        case adminKey
        case faucet
        /// The faucet, or the admin key to fund accounts from the admin's balance.
        case funding
    }

    public let need: Need
    public var isRecursive: Bool { true }

    public func prepare(for test: Test) async throws {
        let reason = try await Self.missing(need)
        try await ConditionTrait.enabled(if: reason == nil, Comment(rawValue: reason ?? "")).prepare(for: test)
    }

    /// Why `need` is not met on the shared network, or nil when it is.
    public static func missing(_ need: Need) async throws -> String? {
        switch need {
        case .adminKey:
            return try await Network.shared.adminKeyMissingReason()
        case .faucet:
            let url = try await Network.shared.connection().url
            return try await Network.shared.hasFaucet() ? nil : "\(url) has no devnet_faucet"
        case .funding:
            if try await Network.shared.hasFaucet() { return nil }
            guard let reason = try await Network.shared.adminKeyMissingReason() else { return nil }
            return "no way to fund test accounts: no devnet_faucet, and \(reason)"
        }
    }
}

extension Trait where Self == RequiresNetworkTrait {
    /// Skips the test when the admin key is unknown (a `DEVNET_URL` without `DEVNET_ADMIN_KEY`).
    public static var requiresAdminKey: Self { RequiresNetworkTrait(need: .adminKey) }
    /// Skips the test when the network has no `devnet_faucet`.
    public static var requiresFaucet: Self { RequiresNetworkTrait(need: .faucet) }
    /// Skips the test when accounts cannot be funded: no faucet and no admin key.
    public static var requiresFunding: Self { RequiresNetworkTrait(need: .funding) }
}
