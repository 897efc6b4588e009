import Networks

/// What a contract method sees while a transaction runs: the ledger, who sent it, the
/// called contract and the block time.
struct Execution {
    let ledger: Ledger
    let sender: String
    let contract: String
    let blockTime: Int64

    /// Refuses with `error` unless `condition` holds or `rule` was planted as skipped.
    func require(_ condition: Bool, _ rule: RefusalRule, or error: ContractError) throws(ContractError) {
        guard condition || ledger.plants.skips(rule) else { throw error }
    }
}

/// A write method after its args were checked: runs against the ledger or fails with a
/// contract rule, in which case it changed nothing.
typealias Action = (Execution) throws(ContractError) -> JSON

/// A read after its args were checked.
typealias ReadAction = (Ledger, String) throws(ContractError) -> JSON

/// A contract write method: its fixed gas (SPEC 3), its params, and which param (if any)
/// is NAT the sender offers, which must be covered by the balance before inclusion.
struct WriteMethod: Sendable {
    let name: String
    let gas: Int64
    let params: [ParamSpec]
    var valueParam: String? = nil
    let bind: @Sendable (Params) throws(RPCError) -> Action
}

/// A contract read method (`nat_call`).
struct ReadMethod: Sendable {
    let name: String
    let params: [ParamSpec]
    let bind: @Sendable (Params) throws(RPCError) -> ReadAction
}

/// The methods a contract target exposes.
struct ContractInterface: Sendable {
    let name: String
    let writes: [String: WriteMethod]
    let reads: [String: ReadMethod]

    init(name: String, writes: [WriteMethod], reads: [ReadMethod]) {
        self.name = name
        self.writes = Dictionary(writes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.reads = Dictionary(reads.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Ledger {
    /// Every contract interface, by its name (`collateral_pool` for pools, `devnet` for the fault switch).
    static let allInterfaces: [ContractInterface] = [
        NativeContract.interface, DeployerContract.interface, CreatorKeysContract.interface, AssetManagerContract.interface,
        PoolContract.interface, FundContract.interface, SchedulerContract.interface, DevnetContract.interface,
    ]

    /// The interface behind a call's `contract`: a well-known name or a deployed id. In strict
    /// mode only SPEC's methods are in it (`StrictProfile`); `devnet` exists only while the
    /// run-time fault switch does.
    func interface(for contract: String) -> ContractInterface? {
        let interface: ContractInterface?
        switch contract {
        case "native": interface = NativeContract.interface
        case "deployer": interface = DeployerContract.interface
        case "asset_manager": interface = AssetManagerContract.interface
        case "fund": interface = FundContract.interface
        case "scheduler": interface = SchedulerContract.interface
        case "devnet": interface = options.runTimeFaultSwitch ? DevnetContract.interface : nil
        default:
            switch contractKinds[contract] {
            case .creatorKeys: interface = CreatorKeysContract.interface
            case .collateralPool: interface = PoolContract.interface
            case nil: interface = nil
            }
        }
        guard options.strictSpec, let interface, interface.name != "devnet" else { return interface }
        return StrictProfile.restrict(interface)
    }
}
