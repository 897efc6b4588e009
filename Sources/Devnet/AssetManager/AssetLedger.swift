import Crypto
import Networks

/// State of the bridged asset: agents, reservations, redemptions, pools and FUND.
final class AssetLedger {
    let settings: AssetSettings
    var agents: [String: Agent] = [:]
    var pools: [String: CollateralPool] = [:]
    /// Every reservation and redemption; written through `store` so the pending indexes follow.
    private(set) var reservations: [Int64: Reservation] = [:]
    private(set) var redemptions: [Int64: Redemption] = [:]
    /// Reservations still `RESERVED`, by agent: what `EXPIRE_RESERVATIONS` looks at, instead
    /// of every reservation ever made.
    private(set) var reservedByAgent: [String: Set<Int64>] = [:]
    /// Redemptions `PENDING` whose payment was not tried yet, by agent: what `PAY_REDEMPTIONS` pays.
    private(set) var unpaidByAgent: [String: Set<Int64>] = [:]
    var nextReservationID: Int64 = 1
    var nextRedemptionID: Int64 = 1
    /// Underlying payments already used by a minting: a proof counts once.
    var usedPayments: Set<String> = []
    var rewardReserve: Int128
    let fund = FundLedger()
    /// Closed reservations (executed, expired) and redemptions (successful, defaulted) in the
    /// order they closed: only the newest `closedLimit` of each are kept (docs/API.md "Retention").
    private var closedReservations = ClosedIDs()
    private var closedRedemptions = ClosedIDs()
    let closedLimit: Int

    init(settings: AssetSettings, closedLimit: Int = DevnetOptions.defaultRetainedTransactions) {
        self.settings = settings
        self.rewardReserve = settings.rewardReserve
        self.closedLimit = max(1, closedLimit)
    }

    /// Records a new or changed reservation and keeps `reservedByAgent` in step.
    func store(_ reservation: Reservation) {
        let wasOpen = reservations[reservation.id].map { $0.status == .reserved } ?? true
        reservations[reservation.id] = reservation
        if reservation.status == .reserved {
            reservedByAgent[reservation.agent, default: []].insert(reservation.id)
        } else {
            reservedByAgent[reservation.agent]?.remove(reservation.id)
            if wasOpen {
                for id in closedReservations.close(reservation.id, limit: closedLimit) {
                    // A payment names its reservation's unique reference, so once that reservation
                    // is gone no other one could accept it: its "used" mark can go too.
                    if let hash = reservations.removeValue(forKey: id)?.paymentHash { usedPayments.remove(hash) }
                }
            }
        }
    }

    /// Records a new or changed redemption and keeps `unpaidByAgent` in step.
    func store(_ redemption: Redemption) {
        let wasOpen = redemptions[redemption.id].map { $0.status == .pending } ?? true
        redemptions[redemption.id] = redemption
        if redemption.status == .pending && redemption.paymentHash == nil {
            unpaidByAgent[redemption.agent, default: []].insert(redemption.id)
        } else {
            unpaidByAgent[redemption.agent]?.remove(redemption.id)
        }
        if redemption.status != .pending && wasOpen {
            for id in closedRedemptions.close(redemption.id, limit: closedLimit) { redemptions.removeValue(forKey: id) }
        }
    }

    /// Public agents in ascending id order: the order redemptions draw from.
    var publicAgents: [Agent] { agents.values.filter(\.isPublic).sorted { $0.id < $1.id } }

    func agent(_ id: String) throws(ContractError) -> Agent {
        guard let agent = agents[id] else { throw AssetManagerError.unknownAgent }
        return agent
    }

    func pool(ofAgent id: String) throws(ContractError) -> CollateralPool {
        guard let poolID = agents[id]?.poolID, let pool = pools[poolID] else { throw AssetManagerError.unknownAgent }
        return pool
    }

    /// NAT value of `uba`, in wei, or nil when it does not fit 128 bits.
    func wei(uba: Int128) -> Int128? {
        let (value, overflow) = uba.multipliedReportingOverflow(by: settings.weiPerUBA)
        return overflow ? nil : value
    }

    /// NAT the agent's minted and redeeming lots are worth: what its pool must keep 250 % of;
    /// nil when it does not fit 128 bits.
    func backedValue(of agent: Agent) -> Int128? {
        let (lots, o1) = Int128(agent.mintedLots).addingReportingOverflow(Int128(agent.redeemingLots))
        let (uba, o2) = lots.multipliedReportingOverflow(by: settings.lotSize)
        guard !o1, !o2 else { return nil }
        return wei(uba: uba)
    }
}

/// FUND balances in uba, with the totals that the supply invariant checks.
final class FundLedger {
    var balances: [String: Int128] = [:]
    var totalSupply: Int128 = 0
    var minted: Int128 = 0
    var burned: Int128 = 0

    func balance(_ address: String) -> Int128 { balances[address] ?? 0 }

    /// Whether every `(address, amount)` can be minted: the supply totals and each recipient's
    /// balance stay in range (recipients are distinct).
    func canMint(_ mints: (address: String, amount: Int128)...) -> Bool {
        var supply = (total: totalSupply, minted: minted)
        for mint in mints {
            let (t, o1) = supply.total.addingReportingOverflow(mint.amount)
            let (m, o2) = supply.minted.addingReportingOverflow(mint.amount)
            guard !o1, !o2, !balance(mint.address).addingReportingOverflow(mint.amount).overflow else { return false }
            supply = (t, m)
        }
        return true
    }

    /// Whether `amount` can be burned from `address` without a counter leaving its range.
    func canBurn(_ address: String, _ amount: Int128) -> Bool {
        !burned.addingReportingOverflow(amount).overflow && !balance(address).subtractingReportingOverflow(amount).overflow
    }

    /// Whether `amount` can move from `from` to `to` without a balance leaving its range.
    func canMove(_ from: String, _ to: String, _ amount: Int128) -> Bool {
        from == to
            || (!balance(from).subtractingReportingOverflow(amount).overflow && !balance(to).addingReportingOverflow(amount).overflow)
    }

    /// Callers have checked `canMint`.
    func mint(_ address: String, _ amount: Int128) {
        balances[address, default: 0] += amount
        totalSupply += amount
        minted += amount
    }

    /// Callers have checked `canBurn`.
    func burn(_ address: String, _ amount: Int128) {
        balances[address, default: 0] -= amount
        totalSupply -= amount
        burned += amount
    }

    /// Callers have checked `canMove`.
    func move(_ from: String, _ to: String, _ amount: Int128) {
        balances[from, default: 0] -= amount
        balances[to, default: 0] += amount
    }
}

/// `a · b / c`, floored, or nil when it would not fit (`Amount.mulDiv`).
func mulDiv(_ a: Int128, _ b: Int128, _ c: Int128) -> Int128? { Amount.mulDiv(a, b, c) }

extension Ledger {
    /// The key of the agent created from `seed`; its address is the agent's id.
    func agentKey(seed: String) -> KeyPair {
        let digest = Array(SHA256.hash(data: Array("\(genesis.chainID)/\(seed)".utf8)))
        // A 32-byte digest is always a valid Ed25519 seed.
        return (try? KeyPair(seed: digest)) ?? KeyPair()
    }

    /// Creates an agent and its pool, with the agent's own stake in the pool.
    @discardableResult
    func createAgent(
        seed: String, feeBips: Int64, isPublic: Bool, openingTime: Int64, freeLots: Int64,
        vault: Int128, poolCollateral: Int128, underlyingBalance: Int128, tags: [Schedule.Name: String] = [:]
    ) -> Agent {
        let key = agentKey(seed: seed)
        let poolID = "c" + Digest.sha256Hex(Array("pool/\(key.address)".utf8))
        let agent = Agent(id: key.address, feeBips: feeBips, isPublic: isPublic, botKey: key, poolID: poolID,
            openingTime: openingTime, freeLots: freeLots, vault: vault)
        let pool = CollateralPool(id: poolID, agent: agent.id)
        if poolCollateral > 0 {
            pool.totalCollateral = poolCollateral
            pool.totalSupply = poolCollateral
            pool.setHolder(agent.id, CollateralPool.Holder(tokens: poolCollateral))
        }
        asset.agents[agent.id] = agent
        asset.pools[poolID] = pool
        contractKinds[poolID] = .collateralPool
        if underlyingBalance > 0 { underlying.credit(agent.paymentAddress, underlyingBalance) }
        credit(agent.id, 0)
        scheduler.addAgentSchedules(agent, tags: tags, now: clock())
        return agent
    }
}
