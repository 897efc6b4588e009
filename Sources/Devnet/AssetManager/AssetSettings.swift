import Networks

/// The bridged asset's parameters (SPEC 6), part of the genesis under `"asset"`.
///
/// Every field defaults to SPEC's value; the genesis agents' collateral, which SPEC leaves
/// open, defaults to amounts that let thousands of lots be minted and exited under load.
public struct AssetSettings: Sendable, Equatable {
    /// One genesis agent: its minting fee, its free lots and the NAT it starts with.
    public struct GenesisAgent: Sendable, Equatable {
        public var feeBips: Int64
        public var freeLots: Int64 = 100_000
        /// The agent's own stake in its collateral pool, in wei (pool tokens held by the agent).
        public var poolCollateral: Int128 = 1_000_000 * Units.nat
        /// The agent's vault, in wei: reservation fees go in, default premiums come out.
        public var vaultCollateral: Int128 = 10_000_000 * Units.nat
        /// UND on the agent's payment address, in drops, for redemption payments and fees.
        public var underlyingBalance: Int128 = 1_000_000 * Units.und
    }

    public var lotSize: Int128 = 10_000_000
    public var weiPerUBA: Int128 = 20 * 1_000_000_000_000
    public var collateralReservationFeeBips: Int64 = 10
    public var mintingPaymentWindow: Int64 = 600
    public var redemptionPaymentWindow: Int64 = 600
    public var redemptionFeeBips: Int64 = 10
    public var redemptionDefaultPremiumBips: Int64 = 1_000
    public var poolFeeShareBips: Int64 = 4_000
    public var poolTokenTimelock: Int64 = 10
    public var poolExitCollateralRatioBips: Int64 = 25_000
    public var poolMinimumEnter: Int128 = Units.nat
    /// NAT from which `ACCRUE_POOL_REWARDS` pays pools, in wei.
    public var rewardReserve: Int128 = 1_000_000 * Units.nat
    public var agents: [GenesisAgent] = [25, 50, 75, 100, 150].map { GenesisAgent(feeBips: $0) }

    public init() {}


    // Key paths are immutable values; the arrays are never mutated.
    nonisolated(unsafe) static let integerFields: [(String, WritableKeyPath<AssetSettings, Int64>)] = [
        ("minting_payment_window", \.mintingPaymentWindow), ("redemption_payment_window", \.redemptionPaymentWindow),
        ("pool_token_timelock", \.poolTokenTimelock), ("collateral_reservation_fee_bips", \.collateralReservationFeeBips),
        ("redemption_fee_bips", \.redemptionFeeBips), ("redemption_default_premium_bips", \.redemptionDefaultPremiumBips),
        ("pool_fee_share_bips", \.poolFeeShareBips), ("pool_exit_collateral_ratio_bips", \.poolExitCollateralRatioBips),
    ]
    /// Bips fields that are shares of an amount, so at most 10_000.
    static let shareFields: Set<String> = ["collateral_reservation_fee_bips", "redemption_fee_bips", "pool_fee_share_bips"]
    nonisolated(unsafe) static let amountFields: [(String, WritableKeyPath<AssetSettings, Int128>)] = [
        ("lot_size", \.lotSize), ("wei_per_uba", \.weiPerUBA), ("pool_minimum_enter", \.poolMinimumEnter),
        ("reward_reserve", \.rewardReserve),
    ]

    /// Reads `genesis.asset`; errors name the field.
    init(json: JSON) throws(GenesisError) {
        guard case .object(let o) = json else { throw GenesisError("genesis.asset: expected an object, got \(json.typeName)") }
        let known = Set(Self.integerFields.map(\.0) + Self.amountFields.map(\.0) + ["agents"])
        if let unknown = o.keys.sorted().first(where: { !known.contains($0) }) {
            throw GenesisError("genesis.asset.\(unknown): unknown field; expected one of \(known.sorted().joined(separator: ", "))")
        }
        for (name, path) in Self.integerFields {
            guard let v = o[name] else { continue }
            // Seconds or bips; both are small positive integers (a bips value of 0 is allowed).
            // A fee or share is a part of an amount (at most 10_000 bips); a ratio or premium may exceed it.
            let isBips = name.hasSuffix("_bips")
            let maxBips: Int64 = Self.shareFields.contains(name) ? 10_000 : 100_000
            guard case .int(let i) = v, i >= (isBips ? 0 : 1), i <= (isBips ? maxBips : 10 * 365 * 86_400) else {
                throw GenesisError("genesis.asset.\(name): expected " + (isBips ? "an integer of bips from 0 to \(maxBips)" : "a positive integer number of seconds") + ", got \(v)")
            }
            self[keyPath: path] = i
        }
        for (name, path) in Self.amountFields {
            guard let v = o[name] else { continue }
            let value = try Genesis.amount(v, "genesis.asset.\(name)", positive: name == "lot_size" || name == "wei_per_uba")
            // Bounded so that lots · lot_size · wei_per_uba · bips stays far inside Int128.
            guard value <= 1_000_000_000_000_000_000_000_000 else { throw GenesisError("genesis.asset.\(name): at most 10^24") }
            self[keyPath: path] = value
        }
        if let v = o["agents"] {
            guard case .array(let items) = v, !items.isEmpty, items.count <= 100 else {
                throw GenesisError("genesis.asset.agents: expected an array of 1 to 100 agents")
            }
            agents = try items.enumerated().map { n, item throws(GenesisError) in try Self.agent(item, "genesis.asset.agents[\(n)]") }
        }
    }

    static func agent(_ json: JSON, _ path: String) throws(GenesisError) -> GenesisAgent {
        guard case .object(let a) = json else { throw GenesisError("\(path): expected an object, got \(json.typeName)") }
        let known = ["fee_bips", "free_lots", "pool_collateral", "vault_collateral", "underlying_balance"]
        if let unknown = a.keys.sorted().first(where: { !known.contains($0) }) {
            throw GenesisError("\(path).\(unknown): unknown field; expected \(known.joined(separator: ", "))")
        }
        guard case .int(let fee)? = a["fee_bips"], (0...10_000).contains(fee) else {
            throw GenesisError("\(path).fee_bips: expected an integer between 0 and 10000, got \(a["fee_bips"] ?? .null)")
        }
        var agent = GenesisAgent(feeBips: fee)
        if let v = a["free_lots"] {
            guard case .int(let lots) = v, (0...1_000_000_000).contains(lots) else {
                throw GenesisError("\(path).free_lots: expected an integer between 0 and 10^9, got \(v)")
            }
            agent.freeLots = lots
        }
        let cap: Int128 = 1_000_000_000_000_000_000_000_000_000_000
        for (name, path2) in [("pool_collateral", \GenesisAgent.poolCollateral), ("vault_collateral", \.vaultCollateral),
            ("underlying_balance", \.underlyingBalance)]
        {
            guard let v = a[name] else { continue }
            let value = try Genesis.amount(v, "\(path).\(name)", positive: false)
            guard value <= cap else { throw GenesisError("\(path).\(name): at most 10^30") }
            agent[keyPath: path2] = value
        }
        return agent
    }

    var json: JSON {
        var o: [String: JSON] = [:]
        for (name, path) in Self.integerFields { o[name] = .int(self[keyPath: path]) }
        for (name, path) in Self.amountFields { o[name] = Amount.wire(self[keyPath: path]) }
        o["agents"] = .array(agents.map {
            ["fee_bips": .int($0.feeBips), "free_lots": .int($0.freeLots), "pool_collateral": Amount.wire($0.poolCollateral),
             "vault_collateral": Amount.wire($0.vaultCollateral), "underlying_balance": Amount.wire($0.underlyingBalance)]
        })
        return .object(o)
    }

    /// The settings as `get_settings` reports them: the genesis fields without the agents.
    var wire: JSON {
        guard case .object(var o) = json else { return json }
        o["agents"] = nil
        return .object(o)
    }
}
