import Crypto
import Networks

/// State of the bridged asset: agents, reservations, redemptions, pools and FUND.
final class AssetLedger {
    let settings: AssetSettings
    var agents: [String: Agent] = [:]
    var pools: [String: CollateralPool] = [:]
    var reservations: [Int64: Reservation] = [:]
    var redemptions: [Int64: Redemption] = [:]
    var nextReservationID: Int64 = 1
    var nextRedemptionID: Int64 = 1
    /// Underlying payments already used by a minting: a proof counts once.
    var usedPayments: Set<String> = []
    var rewardReserve: Int128
    let fund = FundLedger()

    init(settings: AssetSettings) {
        self.settings = settings
        self.rewardReserve = settings.rewardReserve
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

    /// NAT value of `uba`, in wei.
    func wei(uba: Int128) -> Int128 { uba * settings.weiPerUBA }

    /// NAT the agent's minted and redeeming lots are worth: what its pool must keep 250 % of.
    func backedValue(of agent: Agent) -> Int128 {
        wei(uba: Int128(agent.mintedLots + agent.redeemingLots) * settings.lotSize)
    }
}

/// FUND balances in uba, with the totals that the supply invariant checks.
final class FundLedger {
    var balances: [String: Int128] = [:]
    var totalSupply: Int128 = 0
    var minted: Int128 = 0
    var burned: Int128 = 0

    func balance(_ address: String) -> Int128 { balances[address] ?? 0 }

    func mint(_ address: String, _ amount: Int128) {
        balances[address, default: 0] += amount
        totalSupply += amount
        minted += amount
    }

    func burn(_ address: String, _ amount: Int128) {
        balances[address, default: 0] -= amount
        totalSupply -= amount
        burned += amount
    }

    func move(_ from: String, _ to: String, _ amount: Int128) {
        balances[from, default: 0] -= amount
        balances[to, default: 0] += amount
    }
}

/// `a · b / c`, floored, or nil when it would not fit (`Amount.mulDiv`).
func mulDiv(_ a: Int128, _ b: Int128, _ c: Int128) -> Int128? { Amount.mulDiv(a, b, c) }

extension Ledger {
    /// Creates an agent and its pool, with the agent's own stake in the pool.
    @discardableResult
    func createAgent(
        seed: String, feeBips: Int64, isPublic: Bool, openingTime: Int64, freeLots: Int64,
        vault: Int128, poolCollateral: Int128, underlyingBalance: Int128, tags: [Schedule.Name: String] = [:]
    ) -> Agent {
        let digest = Array(SHA256.hash(data: Array("\(genesis.chainID)/\(seed)".utf8)))
        // A 32-byte digest is always a valid Ed25519 seed.
        let key = (try? KeyPair(seed: digest)) ?? KeyPair()
        let poolID = "c" + Digest.sha256Hex(Array("pool/\(key.address)".utf8))
        let agent = Agent(id: key.address, feeBips: feeBips, isPublic: isPublic, botKey: key, poolID: poolID,
            openingTime: openingTime, freeLots: freeLots, vault: vault)
        let pool = CollateralPool(id: poolID, agent: agent.id)
        if poolCollateral > 0 {
            pool.totalCollateral = poolCollateral
            pool.totalSupply = poolCollateral
            pool.holders[agent.id] = CollateralPool.Holder(tokens: poolCollateral)
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
