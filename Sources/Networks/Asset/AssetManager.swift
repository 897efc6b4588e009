/// Typed reads and call builders of the bridged asset (SPEC 6): the asset manager, the
/// agents' collateral pools and FUND. Writes are `Call`s sent through an `Account`, so the
/// caller keeps the receipt (gas, status) whether the call succeeded or reverted.
public struct AssetManager: Sendable {
    public let chain: NativeChain
    /// The asset manager's contract id (from `devnet_info.contracts`).
    public let id: String
    /// FUND's contract id.
    public let fundID: String

    public init(chain: NativeChain, id: String = "asset_manager", fundID: String = "fund") {
        self.chain = chain
        self.id = id
        self.fundID = fundID
    }

    func read(_ method: String, _ args: [String: JSON] = [:]) async throws -> JSON {
        try await chain.call(Call(contract: id, method: method, args: args))
    }

    // MARK: reads

    public func settings() async throws -> AssetSettingsInfo { try AssetSettingsInfo(json: try await read("get_settings")) }

    /// The public agents.
    public func agents() async throws -> [AgentInfo] {
        let list = try await read("get_agents")
        guard let items = list.arrayValue else { throw DecodingFailure("get_agents: expected an array, got \(list)") }
        return try items.map { item throws(DecodingFailure) in try AgentInfo(json: item) }
    }

    public func agent(_ id: String) async throws -> AgentInfo { try AgentInfo(json: try await read("get_agent", ["id": .string(id)])) }

    public func reservation(_ id: Int64) async throws -> RequestStatus {
        try RequestStatus(json: try await read("get_reservation", ["id": .int(id)]), "get_reservation")
    }

    public func redemption(_ id: Int64) async throws -> RequestStatus {
        try RequestStatus(json: try await read("get_redemption", ["id": .int(id)]), "get_redemption")
    }

    public func pool(ofAgent agent: String) async throws -> PoolInfo {
        try PoolInfo(json: try await read("get_pool", ["agent": .string(agent)]))
    }

    public func poolHolding(agent: String, holder: String) async throws -> PoolHolding {
        try PoolHolding(json: try await read("get_pool_holder", ["agent": .string(agent), "holder": .string(holder)]))
    }

    /// FUND balance in uba.
    public func fundBalance(of address: String) async throws -> Int128 {
        try NativeChain.amount(try await chain.call(Call(contract: fundID, method: "balance_of", args: ["address": .string(address)])),
            "balance_of")
    }

    public func fundSupply() async throws -> FundSupply {
        try FundSupply(json: try await chain.call(Call(contract: fundID, method: "total_supply")))
    }

    // MARK: calls

    public func reserveCollateral(agent: String, lots: Int64, maxMintingFeeBips: Int64) -> Call {
        Call(contract: id, method: "reserve_collateral",
            args: ["agent": .string(agent), "lots": .int(lots), "max_minting_fee_bips": .int(maxMintingFeeBips)])
    }

    public func executeMinting(reservationID: Int64, proof: PaymentProof) -> Call {
        Call(contract: id, method: "execute_minting", args: ["reservation_id": .int(reservationID), "proof": proof.json])
    }

    /// Redeems `lots` from the named agent, or from public agents in ascending id order.
    public func redeem(lots: Int64, agent: String? = nil) -> Call {
        var args: [String: JSON] = ["lots": .int(lots)]
        if let agent { args["agent"] = .string(agent) }
        return Call(contract: id, method: "redeem", args: args)
    }

    public func redemptionPaymentDefault(requestID: Int64) -> Call {
        Call(contract: id, method: "redemption_payment_default", args: ["request_id": .int(requestID)])
    }

    public func fundTransfer(to: String, amount: Int128) -> Call {
        Call(contract: fundID, method: "transfer", args: ["to": .string(to), "amount": Amount.wire(amount)])
    }

    public static func poolEnter(_ pool: String, amount: Int128) -> Call {
        Call(contract: pool, method: "enter", args: ["amount": Amount.wire(amount)])
    }

    public static func poolExit(_ pool: String, tokens: Int128) -> Call {
        Call(contract: pool, method: "exit", args: ["tokens": Amount.wire(tokens)])
    }

    public static func poolWithdrawFees(_ pool: String, amount: Int128) -> Call {
        Call(contract: pool, method: "withdraw_fees", args: ["amount": Amount.wire(amount)])
    }

    public static func poolTransfer(_ pool: String, to: String, tokens: Int128) -> Call {
        Call(contract: pool, method: "transfer", args: ["to": .string(to), "tokens": Amount.wire(tokens)])
    }

    /// Admin only (SPEC 7): a private agent with its pool, opened at `openingTime` (default: now,
    /// may lie in the past), whose schedules named in `tags` are bound to those tags.
    public func createAgent(
        feeBips: Int64, openingTime: Int64? = nil, tags: [ScheduleName: String] = [:], isPublic: Bool = false,
        freeLots: Int64? = nil, poolCollateral: Int128? = nil, vaultCollateral: Int128? = nil, underlyingBalance: Int128? = nil
    ) -> Call {
        var args: [String: JSON] = ["fee_bips": .int(feeBips)]
        if let openingTime { args["opening_time"] = .int(openingTime) }
        if !tags.isEmpty { args["tags"] = .object(Dictionary(uniqueKeysWithValues: tags.map { ($0.key.rawValue, .string($0.value)) })) }
        if isPublic { args["public"] = true }
        if let freeLots { args["free_lots"] = .int(freeLots) }
        if let poolCollateral { args["pool_collateral"] = Amount.wire(poolCollateral) }
        if let vaultCollateral { args["vault_collateral"] = Amount.wire(vaultCollateral) }
        if let underlyingBalance { args["underlying_balance"] = Amount.wire(underlyingBalance) }
        return Call(contract: id, method: "create_agent", args: args)
    }
}

/// The parsed result of `redeem`: the requests made and the lots that found no agent.
public struct RedeemResult: Sendable, Hashable {
    public var requests: [RedemptionRequest]
    public var remainingLots: Int64

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "redeem result")
        requests = try f.array("requests").map { r throws(DecodingFailure) in try RedemptionRequest(json: r) }
        remainingLots = try f.int("remaining_lots")
    }
}
