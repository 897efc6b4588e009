import Networks

/// The devnet's whole state. Not thread-safe: `DevnetNode` owns it behind a mutex and
/// every method runs with the lock held, so one request sees one consistent state.
final class Ledger {
    let genesis: Genesis
    let adminAddress: String
    /// Signs payment proofs; `execute_minting` accepts proofs signed by it only.
    let attestorAddress: String
    let clock: @Sendable () -> Int64

    /// Native accounts: an address exists once it has been credited.
    var balances: [String: Int128] = [:]
    var nonces: [String: Int64] = [:]
    var block: Int64 = 0
    var receipts: [String: Receipt] = [:]
    let events = EventLog()

    /// Contract instances by id, with their kind.
    var contractKinds: [String: ContractKind] = [:]
    var creatorKeys: [String: CreatorKeysInstance] = [:]

    /// NAT that entered the chain (genesis and faucet), in wei; it bounds every balance.
    var natIssued: Int128 = 0
    let underlying = UnderlyingLedger()
    let asset: AssetLedger
    let scheduler = Scheduler()

    init(genesis: Genesis, adminAddress: String, attestorAddress: String, clock: @escaping @Sendable () -> Int64) {
        self.genesis = genesis
        self.adminAddress = adminAddress
        self.attestorAddress = attestorAddress
        self.clock = clock
        self.asset = AssetLedger(settings: genesis.asset)
        credit(adminAddress, 0)
        for allocation in genesis.accounts {
            credit(allocation.address, allocation.nat)
            if allocation.und > 0 { underlying.credit("u" + allocation.address.dropFirst(), allocation.und) }
        }
        natIssued = genesis.accounts.reduce(genesis.asset.natIssued) { $0 + $1.nat }
        let opened = clock()
        for (n, a) in genesis.asset.agents.enumerated() {
            createAgent(seed: "genesis-agent-\(n)", feeBips: a.feeBips, isPublic: true, openingTime: opened, freeLots: a.freeLots,
                vault: a.vaultCollateral, poolCollateral: a.poolCollateral, underlyingBalance: a.underlyingBalance)
        }
    }

    func balance(_ address: String) -> Int128 { balances[address] ?? 0 }

    /// Adds `amount` to an account, creating it. Callers have checked the amount is covered.
    func credit(_ address: String, _ amount: Int128) {
        balances[address, default: 0] += amount
        if nonces[address] == nil { nonces[address] = 0 }
    }

    func debit(_ address: String, _ amount: Int128) {
        balances[address, default: 0] -= amount
    }
}

/// The kinds of contract the deployer can create.
enum ContractKind: String, Sendable, CaseIterable {
    case creatorKeys = "creator_keys"
    /// An agent's pool, created with the agent (never deployed).
    case collateralPool = "collateral_pool"

    /// What `deployer.deploy` accepts.
    static let deployable: [ContractKind] = [.creatorKeys]
}
