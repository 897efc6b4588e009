import Networks

/// What a contract method sees while a transaction runs: the ledger, who sent it, the
/// called contract and the block time.
struct Execution {
    let ledger: Ledger
    let sender: String
    let contract: String
    let blockTime: Int64
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
    /// The interface behind a call's `contract`: a well-known name or a deployed id.
    func interface(for contract: String) -> ContractInterface? {
        switch contract {
        case "native": return NativeContract.interface
        case "deployer": return DeployerContract.interface
        case "asset_manager": return AssetManagerContract.interface
        case "fund": return FundContract.interface
        case "scheduler": return SchedulerContract.interface
        default:
            switch contractKinds[contract] {
            case .creatorKeys: return CreatorKeysContract.interface
            case .collateralPool: return PoolContract.interface
            case nil: return nil
            }
        }
    }
}
