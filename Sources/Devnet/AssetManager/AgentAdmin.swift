import Networks

/// `asset_manager.create_agent` (SPEC 7): the admin creates an agent with its pool, private
/// unless told otherwise, whose schedules are bound to given tags and whose opening time may
/// lie in the past, so that a test owns the agent, its pool and their schedules.
enum AgentAdmin {
    typealias E = AssetManagerError

    static let createAgent = WriteMethod(name: "create_agent", gas: 40_000, params: [
        ParamSpec("fee_bips", .integer), ParamSpec("opening_time", .integer, required: false),
        ParamSpec("tags", .object, required: false), ParamSpec("public", .boolean, required: false),
        ParamSpec("free_lots", .integer, required: false), ParamSpec("pool_collateral", .amount, required: false),
        ParamSpec("vault_collateral", .amount, required: false), ParamSpec("underlying_balance", .amount, required: false),
    ]) { p throws(RPCError) in
        let feeBips = try p.int("fee_bips")
        guard (0...10_000).contains(feeBips) else { throw invalidParams("params.fee_bips: expected 0 to 10000, got \(feeBips)") }
        let openingTime = try p.optionalInt("opening_time")
        if let openingTime, openingTime < 0 {
            throw invalidParams("params.opening_time: expected seconds since the epoch (>= 0), got \(openingTime)")
        }
        let tags = try scheduleTags(p)
        let isPublic = p.has("public") ? try p.bool("public") : false
        let defaults = AssetSettings.GenesisAgent(feeBips: feeBips)
        let freeLots = try p.optionalInt("free_lots") ?? defaults.freeLots
        guard freeLots >= 0 else { throw invalidParams("params.free_lots: expected >= 0, got \(freeLots)") }
        let poolCollateral = try p.optionalAmount("pool_collateral") ?? defaults.poolCollateral
        let vault = try p.optionalAmount("vault_collateral") ?? defaults.vaultCollateral
        let underlyingBalance = try p.optionalAmount("underlying_balance") ?? defaults.underlyingBalance
        return { x throws(ContractError) in
            let ledger = x.ledger
            try x.require(x.sender == ledger.adminAddress, .agentAdminOnly, or: E.unauthorized)
            let opened = openingTime ?? x.blockTime
            try x.require(opened <= x.blockTime, .agentOpeningInFuture, or: E.openingTimeInFuture)
            for tag in tags.values.sorted() where ledger.scheduler.tags[tag] == nil { throw E.unknownTag }
            // Collateral and UND are issued like genesis's; the issuance bounds keep every later sum in range.
            let natIssued = try ledger.natIssued.adding(poolCollateral, or: E.overflow).adding(vault, or: E.overflow)
            let undIssued = try ledger.undIssued.adding(underlyingBalance, or: E.overflow)
            let nonce = (ledger.nonces[x.sender] ?? 1) - 1
            let seed = "admin-agent/\(x.sender)/\(nonce)"
            let key = ledger.agentKey(seed: seed)
            // The same seed twice (only if a planted bug let a nonce be replayed) would replace an agent.
            guard ledger.asset.agents[key.address] == nil, ledger.underlying.canCredit(key.underlyingAddress, underlyingBalance) else {
                throw E.overflow
            }
            let agent = ledger.createAgent(seed: seed, feeBips: feeBips, isPublic: isPublic,
                openingTime: opened, freeLots: freeLots, vault: vault, poolCollateral: poolCollateral,
                underlyingBalance: underlyingBalance, tags: tags)
            ledger.natIssued = natIssued
            ledger.undIssued = undIssued
            let data: JSON = ["agent": .string(agent.id), "pool": .string(agent.poolID), "opening_time": .int(opened),
                "public": .bool(isPublic), "tags": .object(Dictionary(uniqueKeysWithValues: tags.map { ($0.key.rawValue, .string($0.value)) }))]
            ledger.events.stage(type: "AgentCreated", resource: agent.id, timestamp: x.blockTime, data: data)
            return ["agent": .string(agent.id), "pool": .string(agent.poolID), "opening_time": .int(opened)]
        }
    }

    /// `tags`: schedule name → tag id, e.g. `{"ACCRUE_POOL_REWARDS": "e2e-3f2a"}`.
    static func scheduleTags(_ p: Params) throws(RPCError) -> [Schedule.Name: String] {
        guard case .object(let o)? = try p.object("tags") else { return [:] }
        var tags: [Schedule.Name: String] = [:]
        for (key, value) in o.sorted(by: { $0.key < $1.key }) {
            guard let name = Schedule.Name(rawValue: key) else {
                throw invalidParams("params.tags.\(key): unknown schedule; expected \(Schedule.Name.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard case .string(let tag) = value else { throw invalidParams("params.tags.\(key): expected a tag id string, got \(value.typeName)") }
            tags[name] = tag
        }
        return tags
    }
}
