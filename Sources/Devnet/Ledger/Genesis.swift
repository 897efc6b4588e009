public import Networks

/// The starting state of a devnet: chain id, gas price and pre-funded accounts.
///
/// Read from `--genesis FILE` or taken from `Genesis.default`; every field is optional in
/// the file and a wrong one is refused with a message naming it.
public struct Genesis: Sendable, Equatable {
    public struct Allocation: Sendable, Equatable {
        public var address: String
        public var nat: Int128
        public var und: Int128
    }

    public var chainID = "ledgerqa-devnet-1"
    /// The underlying chain's id (SPEC 5), signed into its envelopes.
    public var underlyingChainID = "ledgerqa-und-1"
    /// wei per gas (SPEC 3).
    public var gasPrice: Int128 = 25_000_000_000
    /// The most one `devnet_faucet` call may credit, in wei.
    public var faucetLimitNat: Int128 = 1_000_000_000 * Units.nat
    /// The most one `devnet_faucet` call may credit, in drops.
    public var faucetLimitUnd: Int128 = 1_000_000_000 * Units.und
    public var accounts: [Allocation] = []
    /// The bridged asset and its genesis agents (SPEC 6).
    public var asset = AssetSettings()

    public static let `default` = Genesis()

    /// The largest gas price for which a million gas still costs a 128-bit amount.
    public static let maxGasPrice = Int128.max / 1_000_000

    public init() {}

    /// Reads a genesis document; errors name the offending field, e.g. `genesis.accounts[1].nat`.
    public init(json: JSON) throws(GenesisError) {
        guard case .object(let o) = json else { throw GenesisError("genesis: expected an object, got \(json.typeName)") }
        let known: Set<String> = ["chain_id", "underlying_chain_id", "gas_price", "faucet_limit_nat", "faucet_limit_und", "accounts", "asset"]
        if let unknown = o.keys.sorted().first(where: { !known.contains($0) }) {
            throw GenesisError("genesis.\(unknown): unknown field; expected one of \(known.sorted().joined(separator: ", "))")
        }
        if let v = o["chain_id"] {
            guard case .string(let s) = v, !s.isEmpty, s.utf8.count <= 64 else {
                throw GenesisError("genesis.chain_id: expected a non-empty string of at most 64 bytes, got \(v)")
            }
            chainID = s
        }
        if let v = o["underlying_chain_id"] {
            guard case .string(let s) = v, !s.isEmpty, s.utf8.count <= 64 else {
                throw GenesisError("genesis.underlying_chain_id: expected a non-empty string of at most 64 bytes, got \(v)")
            }
            underlyingChainID = s
        }
        if let v = o["gas_price"] {
            gasPrice = try Self.amount(v, "genesis.gas_price", positive: true)
            guard gasPrice <= Self.maxGasPrice else {
                throw GenesisError("genesis.gas_price: at most \(Self.maxGasPrice) wei, so that every fee fits in 128 bits")
            }
        }
        if let v = o["faucet_limit_nat"] { faucetLimitNat = try Self.amount(v, "genesis.faucet_limit_nat", positive: false) }
        if let v = o["faucet_limit_und"] { faucetLimitUnd = try Self.amount(v, "genesis.faucet_limit_und", positive: false) }
        if let v = o["asset"] { asset = try AssetSettings(json: v) }
        if let v = o["accounts"] {
            guard case .array(let items) = v else { throw GenesisError("genesis.accounts: expected an array, got \(v.typeName)") }
            accounts = try items.enumerated().map { n, item throws(GenesisError) in
                let path = "genesis.accounts[\(n)]"
                guard case .object(let a) = item else { throw GenesisError("\(path): expected an object, got \(item.typeName)") }
                if let unknown = a.keys.sorted().first(where: { !["address", "nat", "und"].contains($0) }) {
                    throw GenesisError("\(path).\(unknown): unknown field; expected address, nat, und")
                }
                guard case .string(let address)? = a["address"], AddressKind.native.matches(address) else {
                    throw GenesisError("\(path).address: expected 'n' + 64 lowercase hex, got \(a["address"] ?? .null)")
                }
                let nat = try a["nat"].map { v throws(GenesisError) in try Self.amount(v, "\(path).nat", positive: false) } ?? 0
                let und = try a["und"].map { v throws(GenesisError) in try Self.amount(v, "\(path).und", positive: false) } ?? 0
                return Allocation(address: address, nat: nat, und: und)
            }
        }
        // Every later balance is bounded by what was issued, so issuance must fit in Int128.
        guard issuance != nil else {
            throw GenesisError("genesis.accounts: the allocations' total (with the agents' collateral) overflows a 128-bit amount")
        }
    }

    /// NAT and UND the genesis puts on the chains: allocations, the agents' collateral and
    /// underlying balances, and the reward reserve; nil when a total does not fit 128 bits.
    /// Issuance bounds every later balance, which keeps all balance arithmetic in range.
    public var issuance: (nat: Int128, und: Int128)? {
        var total: (nat: Int128, und: Int128)? = (asset.rewardReserve, 0)
        func add(_ nat: Int128, _ und: Int128) {
            guard let t = total else { return }
            let (n, o1) = t.nat.addingReportingOverflow(nat)
            let (u, o2) = t.und.addingReportingOverflow(und)
            total = o1 || o2 ? nil : (n, u)
        }
        for agent in asset.agents {
            add(agent.poolCollateral, agent.underlyingBalance)
            add(agent.vaultCollateral, 0)
        }
        for a in accounts { add(a.nat, a.und) }
        return total
    }

    /// Reads a genesis file.
    public init(contentsOf bytes: [UInt8]) throws(GenesisError) {
        let json: JSON
        do { json = try JSON.parse(bytes) } catch { throw GenesisError("genesis: not valid JSON: \(error)") }
        try self.init(json: json)
    }

    /// The genesis as a document (what `Genesis(json:)` reads back).
    public var json: JSON {
        [
            "chain_id": .string(chainID), "underlying_chain_id": .string(underlyingChainID), "gas_price": Amount.wire(gasPrice),
            "faucet_limit_nat": Amount.wire(faucetLimitNat), "faucet_limit_und": Amount.wire(faucetLimitUnd),
            "accounts": .array(accounts.map { ["address": .string($0.address), "nat": Amount.wire($0.nat), "und": Amount.wire($0.und)] }),
            "asset": asset.json,
        ]
    }

    static func amount(_ v: JSON, _ path: String, positive: Bool) throws(GenesisError) -> Int128 {
        guard case .string(let s) = v else { throw GenesisError("\(path): expected a decimal amount string, got \(v.typeName)") }
        let value: Int128
        do { value = try Amount.parse(s) } catch { throw GenesisError("\(path): \(error)") }
        if positive, value == 0 { throw GenesisError("\(path): must be greater than 0") }
        return value
    }
}

/// A genesis document that cannot be used; the message names the field.
public struct GenesisError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
