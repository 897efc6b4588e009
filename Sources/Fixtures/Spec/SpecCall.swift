public import Networks

extension SpecGas.ContractKind {
    /// The kind of a well-known contract id: `native`, `deployer`, or one `devnet_info.contracts`
    /// names; nil for a deployed instance or a pool, whose kind the caller knows (it deployed the
    /// instance, or read the pool's id from its agent).
    public static func wellKnown(_ contract: String, info: NetworkInfo) -> Self? {
        let named = info.contracts.first(where: { $0.value == contract })?.key ?? contract
        return switch named {
        case "native": .native
        case "deployer": .deployer
        case "asset_manager": .assetManager
        case "fund": .fund
        case "scheduler": .scheduler
        default: nil
        }
    }
}

/// A call as SPEC 3 names it in its gas table: `creator_keys.buy_key`, `pool.exit`.
public struct SpecCall: Sendable, Hashable, CustomStringConvertible {
    public var kind: SpecGas.ContractKind
    public var method: String

    public init(_ kind: SpecGas.ContractKind, _ method: String) {
        self.kind = kind
        self.method = method
    }

    /// The SPEC name of `call`, whose contract is of kind `kind`.
    public init(_ call: Call, kind: SpecGas.ContractKind) { self.init(kind, call.method) }

    public var description: String { "\(kind.rawValue).\(method)" }
}
