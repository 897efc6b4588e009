import Networks

/// The devnet's whole state. Not thread-safe: `DevnetNode` owns it behind a mutex and
/// every method runs with the lock held, so one request sees one consistent state.
final class Ledger {
    let genesis: Genesis
    let adminAddress: String
    /// Signs payment proofs; `execute_minting` accepts proofs signed by it only.
    let attestorAddress: String
    let clock: @Sendable () -> Int64
    /// Strict mode and the fault switch as the node was started.
    let options: DevnetOptions
    /// The node's HTTP fault switch, which `devnet.set_faults` changes.
    let faults: FaultInjector
    /// Protocol bugs planted for the harness's own tests.
    let plants = PlantState()

    /// Native accounts: an address exists once it has been credited.
    var balances: [String: Int128] = [:]
    var nonces: [String: Int64] = [:]
    var block: Int64 = 0
    /// The newest receipts, by transaction hash (`options.retainedTransactions` of them).
    var receipts: Retained<Receipt>
    /// Gas fees of the receipts dropped by retention: the audit's NAT sum still counts them.
    var droppedReceiptFees: Int128 = 0
    let events = EventLog()

    /// Contract instances by id, with their kind.
    var contractKinds: [String: ContractKind] = [:]
    var creatorKeys: [String: CreatorKeysInstance] = [:]

    /// NAT that entered the chain (genesis, faucet, admin-created agents), in wei. NAT is
    /// conserved (gas is burned), so this bounds every NAT balance and every sum of them.
    var natIssued: Int128 = 0
    /// UND that entered the underlying chain, in drops; it bounds every UND balance likewise.
    var undIssued: Int128 = 0
    let underlying = UnderlyingLedger()
    let asset: AssetLedger
    let scheduler = Scheduler()

    init(
        genesis: Genesis, adminAddress: String, attestorAddress: String, clock: @escaping @Sendable () -> Int64,
        options: DevnetOptions = DevnetOptions(), faults: FaultInjector = FaultInjector(.none)
    ) {
        self.genesis = genesis
        self.adminAddress = adminAddress
        self.attestorAddress = attestorAddress
        self.clock = clock
        self.options = options
        self.faults = faults
        receipts = Retained(limit: options.retainedTransactions)
        underlying.transactions = Retained(limit: options.retainedTransactions)
        events.strict = options.strictSpec
        events.limit = options.retainedEvents
        self.asset = AssetLedger(settings: genesis.asset, closedLimit: options.retainedTransactions)
        credit(adminAddress, 0)
        for allocation in genesis.accounts {
            // Only a genesis built in code can overflow here (a file's is checked): clamp it.
            credit(allocation.address, canCredit(allocation.address, allocation.nat) ? allocation.nat : 0)
            let und = "u" + allocation.address.dropFirst()
            if allocation.und > 0, underlying.canCredit(und, allocation.und) { underlying.credit(und, allocation.und) }
        }
        // A genesis read from JSON was checked to fit; one built in code that does not fit
        // saturates, so the faucet and create_agent refuse to issue more.
        (natIssued, undIssued) = genesis.issuance ?? (Int128.max, Int128.max)
        let opened = clock()
        for (n, a) in genesis.asset.agents.enumerated() {
            createAgent(seed: "genesis-agent-\(n)", feeBips: a.feeBips, isPublic: true, openingTime: opened, freeLots: a.freeLots,
                vault: a.vaultCollateral, poolCollateral: a.poolCollateral, underlyingBalance: a.underlyingBalance)
        }
    }

    func balance(_ address: String) -> Int128 { balances[address] ?? 0 }

    /// Whether `rule` holds here: always, unless it was planted as skipped.
    func enforces(_ rule: RefusalRule) -> Bool { !plants.skips(rule) }

    /// Whether `amount` more wei fits in `address`'s balance. Issuance bounds make this always
    /// true; writes check it anyway before they change anything, so a broken bound refuses
    /// instead of trapping.
    func canCredit(_ address: String, _ amount: Int128) -> Bool {
        !balance(address).addingReportingOverflow(amount).overflow
    }

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
