import Networks

/// Read-only methods of creator keys (`nat_call`) and the quote rules shared with writes.
enum CreatorKeysReads {
    typealias E = CreatorKeysError

    static func pricing(_ k: CreatorKeysInstance, creator: String, plants: PlantState) throws(ContractError) -> (Int128, FeeConfig) {
        guard k.handles[creator] != nil || plants.skips(.keysCreatorRegistered) else { throw ContractError(E.notRegistered) }
        guard let price = k.keyPrice else { throw ContractError(E.keyPriceNotSet) }
        guard let config = k.feeConfig else { throw ContractError(E.feeConfigNotSet) }
        return (price, config)
    }

    /// The quote for buying at `supply`.
    static func buyQuote(_ k: CreatorKeysInstance, creator: String, supply: Int128, plants: PlantState) throws(ContractError) -> Quote {
        let (base, config) = try pricing(k, creator: creator, plants: plants)
        let price = try Pricing.price(base: base, curve: k.curve, slope: k.slope, supply: supply)
        return try Pricing.buyQuote(price: price, config: config)
    }

    /// The quote for `holder` selling one key, priced at `supply − 1`.
    static func sellQuote(_ k: CreatorKeysInstance, creator: String, holder: String, plants: PlantState) throws(ContractError) -> Quote {
        let (base, config) = try pricing(k, creator: creator, plants: plants)
        guard k.keyBalance(creator: creator, holder: holder) > 0 || plants.skips(.keysSellWithoutKey) else {
            throw ContractError(E.insufficientBalance)
        }
        let supply = k.supply[creator] ?? 0
        let price = try Pricing.price(base: base, curve: k.curve, slope: k.slope, supply: try Pricing.subtract(supply, 1))
        return try Pricing.sellQuote(price: price, config: config, plants: plants)
    }

    static func read(
        _ name: String, _ params: [ParamSpec] = [],
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (CreatorKeysInstance) throws(ContractError) -> JSON
    ) -> ReadMethod {
        quoteRead(name, params) { p throws(RPCError) in
            let run = try body(p)
            return { k, _ throws(ContractError) in try run(k) }
        }
    }

    /// A read that prices: it sees the planted bugs, so a skipped rule shows in quotes too.
    static func quoteRead(
        _ name: String, _ params: [ParamSpec],
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (CreatorKeysInstance, PlantState) throws(ContractError) -> JSON
    ) -> ReadMethod {
        ReadMethod(name: name, params: params) { p throws(RPCError) in
            let run = try body(p)
            return { ledger, id throws(ContractError) in try run(try CreatorKeysContract.instance(ledger, id), ledger.plants) }
        }
    }

    static let creator = ParamSpec("creator", .address(.native))
    static let holder = ParamSpec("holder", .address(.native))

    static let methods: [ReadMethod] = [
        quoteRead("get_buy_quote", [creator]) { p throws(RPCError) in
            let c = try p.string("creator")
            return { k, plants throws(ContractError) in try buyQuote(k, creator: c, supply: k.supply[c] ?? 0, plants: plants).json }
        },
        quoteRead("get_sell_quote", [creator, holder]) { p throws(RPCError) in
            let c = try p.string("creator")
            let h = try p.string("holder")
            return { k, plants throws(ContractError) in try sellQuote(k, creator: c, holder: h, plants: plants).json }
        },
        read("get_total_key_supply", [creator]) { p throws(RPCError) in
            let c = try p.string("creator")
            return { k in Amount.wire(k.supply[c] ?? 0) }
        },
        read("get_key_balance", [creator, holder]) { p throws(RPCError) in
            let c = try p.string("creator")
            let h = try p.string("holder")
            return { k in Amount.wire(k.keyBalance(creator: c, holder: h)) }
        },
        read("get_creator_fee_balance", [creator]) { p throws(RPCError) in
            let c = try p.string("creator")
            return { k in Amount.wire(k.creatorFeeBalances[c] ?? 0) }
        },
        read("get_creator", [creator]) { p throws(RPCError) in
            let c = try p.string("creator")
            return { k throws(ContractError) in
                guard let handle = k.handles[c] else { throw ContractError(E.notRegistered) }
                return ["creator": .string(c), "handle": .string(handle)]
            }
        },
        read("get_treasury_balance") { _ throws(RPCError) in { k in Amount.wire(k.treasury) } },
        read("get_reserve_balance") { _ throws(RPCError) in { k in Amount.wire(k.reserve) } },
        read("get_fee_config") { _ throws(RPCError) in
            { k throws(ContractError) in
                guard let config = k.feeConfig else { throw ContractError(E.feeConfigNotSet) }
                return config.json
            }
        },
        read("get_key_price") { _ throws(RPCError) in
            { k throws(ContractError) in
                guard let price = k.keyPrice else { throw ContractError(E.keyPriceNotSet) }
                return Amount.wire(price)
            }
        },
        read("get_curve") { _ throws(RPCError) in { k in ["kind": .string(k.curve.rawValue), "slope": Amount.wire(k.slope)] } },
        read("get_state") { _ throws(RPCError) in
            { k in
                ["admin": .string(k.admin), "paused": .bool(k.paused),
                 "test_timestamp": k.testTimestamp.map { .int($0) } ?? .null]
            }
        },
    ]
}
