public import Networks

/// The kinds of contract SPEC 3's gas table prices. A `Call` names a contract by id; which
/// kind an id is follows from `devnet_info` (the well-known ids) or from who created it
/// (`deployer.deploy` gives a creator-keys instance, `create_agent` an agent's pool).
public enum ContractKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case native
    case deployer
    case creatorKeys = "creator_keys"
    case assetManager = "asset_manager"
    case collateralPool = "pool"
    case scheduler
    case fund

    public var description: String { rawValue }

    /// The kind of a well-known contract id: `native`, `deployer`, or one `devnet_info.contracts`
    /// names; nil for a deployed instance or a pool, whose kind the caller knows.
    public static func wellKnown(_ contract: String, info: NetworkInfo) -> ContractKind? {
        if contract == "native" { return .native }
        if contract == "deployer" { return .deployer }
        let named = info.contracts.first(where: { $0.value == contract })?.key ?? contract
        return switch named {
        case "asset_manager": .assetManager
        case "fund": .fund
        case "scheduler": .scheduler
        case "native": .native
        case "deployer": .deployer
        default: nil
        }
    }
}

/// A call as SPEC 3 names it in its gas table: `creator_keys.buy_key`, `pool.exit`.
public struct SpecCall: Sendable, Hashable, CustomStringConvertible {
    public var kind: ContractKind
    public var method: String

    public init(_ kind: ContractKind, _ method: String) {
        self.kind = kind
        self.method = method
    }

    /// The SPEC name of `call`, whose contract is of kind `kind`.
    public init(_ call: Call, kind: ContractKind) { self.init(kind, call.method) }

    public var description: String { "\(kind.rawValue).\(method)" }
}
