import Networks

/// The creator-keys contract (SPEC 4): admin setters, registration, buying and selling keys.
enum CreatorKeysContract {
    typealias E = CreatorKeysError
    static let adminGas: Int64 = 40_000

    static let interface = ContractInterface(name: "creator_keys", writes: writes, reads: CreatorKeysReads.methods)

    static func instance(_ ledger: Ledger, _ id: String) throws(ContractError) -> CreatorKeysInstance {
        guard let instance = ledger.creatorKeys[id] else {
            throw ContractError(contract: "creator_keys", code: 0, name: "UnknownInstance")
        }
        return instance
    }

    /// An admin-only write: `Unauthorized` for anyone but the instance admin, checked first.
    static func admin(
        _ name: String, _ params: [ParamSpec] = [],
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (CreatorKeysInstance, Execution) throws(ContractError) -> JSON
    ) -> WriteMethod {
        WriteMethod(name: name, gas: adminGas, params: params) { p throws(RPCError) in
            let run = try body(p)
            return { x throws(ContractError) in
                let k = try instance(x.ledger, x.contract)
                try x.require(x.sender == k.admin, .keysAdminOnly, or: ContractError(E.unauthorized))
                return try run(k, x)
            }
        }
    }

    static func user(
        _ name: String, gas: Int64, _ params: [ParamSpec], valueParam: String? = nil,
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (CreatorKeysInstance, Execution) throws(ContractError) -> JSON
    ) -> WriteMethod {
        WriteMethod(name: name, gas: gas, params: params, valueParam: valueParam) { p throws(RPCError) in
            let run = try body(p)
            return { x throws(ContractError) in try run(try instance(x.ledger, x.contract), x) }
        }
    }

    static func emit(_ k: CreatorKeysInstance, _ x: Execution, _ type: String, _ data: JSON) {
        x.ledger.events.stage(type: type, resource: k.id, timestamp: k.eventTime(x), data: data)
    }

    static let writes: [WriteMethod] = [
        admin("set_key_price", [ParamSpec("price", .amount)]) { p throws(RPCError) in
            let price = try p.amount("price")
            return { k, x throws(ContractError) in
                try x.require(price > 0, .keysPricePositive, or: ContractError(E.notPositiveAmount))
                let old = k.keyPrice
                k.keyPrice = price
                emit(k, x, "KeyPriceUpdated", ["old": old.map(Amount.wire) ?? .null, "new": Amount.wire(price)])
                return [:]
            }
        },
        admin("set_fee_config", [ParamSpec("creator_bps", .integer), ParamSpec("protocol_bps", .integer)]) { p throws(RPCError) in
            let creatorBps = try p.int("creator_bps")
            let protocolBps = try p.int("protocol_bps")
            return { k, x throws(ContractError) in
                let (sum, overflow) = creatorBps.addingReportingOverflow(protocolBps)
                try x.require(creatorBps >= 0 && protocolBps >= 0 && !overflow && sum == 10_000, .keysFeeConfigSum,
                    or: ContractError(E.invalidFeeConfig))
                try x.require(protocolBps <= 5_000, .keysProtocolFeeCap, or: ContractError(E.protocolFeeExceedsCap))
                let new = FeeConfig(creatorBps: creatorBps, protocolBps: protocolBps)
                let old = k.feeConfig
                k.feeConfig = new
                emit(k, x, "FeeConfigUpdated", ["old": old?.json ?? .null, "new": new.json])
                return [:]
            }
        },
        admin("set_curve", [ParamSpec("kind", .oneOf(CurveKind.allCases.map(\.rawValue))), ParamSpec("slope", .amount, required: false)]) {
            p throws(RPCError) in
            let kindName = try p.string("kind")
            guard let kind = CurveKind(rawValue: kindName) else { throw invalidParams("unknown curve \(kindName)") }
            let slope = try p.optionalAmount("slope") ?? 0
            return { k, x throws(ContractError) in
                k.curve = kind
                k.slope = slope
                emit(k, x, "CurveUpdated", ["kind": .string(kind.rawValue), "slope": Amount.wire(slope)])
                return [:]
            }
        },
        admin("pause") { _ throws(RPCError) in
            { k, x throws(ContractError) in
                k.paused = true
                emit(k, x, "Paused", [:])
                return [:]
            }
        },
        admin("unpause") { _ throws(RPCError) in
            { k, x throws(ContractError) in
                k.paused = false
                emit(k, x, "Unpaused", [:])
                return [:]
            }
        },
        admin("set_test_timestamp", [ParamSpec("timestamp", .integer)]) { p throws(RPCError) in
            let ts = try p.int("timestamp")
            guard ts >= 0 else { throw invalidParams("params.envelope.call.args.timestamp: must be >= 0") }
            return { k, x throws(ContractError) in
                k.testTimestamp = ts
                emit(k, x, "TestTimestampSet", ["timestamp": .int(ts)])
                return [:]
            }
        },
        admin("withdraw_treasury", [ParamSpec("amount", .amount), ParamSpec("to", .address(.native))]) { p throws(RPCError) in
            let amount = try p.amount("amount")
            let to = try p.string("to")
            return { k, x throws(ContractError) in
                try x.require(amount > 0, .keysAmountPositive, or: ContractError(E.notPositiveAmount))
                try x.require(amount <= k.treasury, .keysWithdrawMoreThanTreasury, or: ContractError(E.insufficientBalance))
                _ = try Pricing.subtract(k.treasury, amount)
                guard x.ledger.canCredit(to, amount) else { throw ContractError(E.overflow) }
                k.treasury -= amount
                x.ledger.credit(to, amount)
                emit(k, x, "TreasuryWithdrawn", ["amount": Amount.wire(amount), "to": .string(to)])
                return [:]
            }
        },
        user("register_creator", gas: 80_000, [ParamSpec("handle", .string)]) { p throws(RPCError) in
            let handle = try p.string("handle")
            return { k, x throws(ContractError) in
                try validate(handle: handle, x)
                try x.require(k.handles[x.sender] == nil, .keysRegisteredOnce, or: ContractError(E.alreadyRegistered))
                k.handles[x.sender] = handle
                emit(k, x, "CreatorRegistered", ["creator": .string(x.sender), "handle": .string(handle)])
                return [:]
            }
        },
        user("buy_key", gas: 120_000,
            [ParamSpec("creator", .address(.native)), ParamSpec("payment", .amount), ParamSpec("max_price", .amount, required: false)],
            valueParam: "payment"
        ) { p throws(RPCError) in
            let creator = try p.string("creator")
            let payment = try p.amount("payment")
            let maxPrice = try p.optionalAmount("max_price")
            return { k, x throws(ContractError) in
                try x.require(!k.paused, .keysPaused, or: ContractError(E.protocolPaused))
                let supply = k.supply[creator] ?? 0
                let quote = try CreatorKeysReads.buyQuote(k, creator: creator, supply: supply, plants: x.ledger.plants)
                try x.require(maxPrice.map { quote.price <= $0 } ?? true, .keysSlippage, or: ContractError(E.slippageExceeded))
                try x.require(payment >= quote.totalAmount, .keysPaymentCoversTotal, or: ContractError(E.insufficientPayment))
                _ = try Pricing.subtract(x.ledger.balance(x.sender), quote.totalAmount)
                let newSupply = try Pricing.add(supply, 1)
                // Every new value is computed before anything changes, so an overflow reverts cleanly.
                let reserve = try Pricing.add(k.reserve, quote.price)
                let creatorFees = try Pricing.add(k.creatorFeeBalances[creator] ?? 0, quote.creatorFee)
                let treasury = try Pricing.add(k.treasury, quote.protocolFee)
                let keys = try Pricing.add(k.keyBalance(creator: creator, holder: x.sender), 1)
                x.ledger.debit(x.sender, quote.totalAmount)
                k.reserve = reserve
                k.creatorFeeBalances[creator] = creatorFees
                k.treasury = treasury
                k.supply[creator] = newSupply
                k.keyBalances[creator, default: [:]][x.sender] = keys
                emit(k, x, "KeyBought", trade(quote, creator: creator, trader: ("buyer", x.sender), supply: newSupply))
                return quote.json
            }
        },
        user("sell_key", gas: 110_000, [ParamSpec("creator", .address(.native))]) { p throws(RPCError) in
            let creator = try p.string("creator")
            return { k, x throws(ContractError) in
                try x.require(!k.paused, .keysPaused, or: ContractError(E.protocolPaused))
                let quote = try CreatorKeysReads.sellQuote(k, creator: creator, holder: x.sender, plants: x.ledger.plants)
                try x.require(k.reserve >= quote.price, .keysReserveCoversPrice, or: ContractError(E.insufficientReserve))
                let newSupply = try Pricing.subtract(k.supply[creator] ?? 0, 1)
                let reserve = try Pricing.subtract(k.reserve, quote.price)
                let creatorFees = try Pricing.add(k.creatorFeeBalances[creator] ?? 0, quote.creatorFee)
                let treasury = try Pricing.add(k.treasury, quote.protocolFee)
                let keys = try Pricing.subtract(k.keyBalance(creator: creator, holder: x.sender), 1)
                guard x.ledger.canCredit(x.sender, quote.totalAmount) else { throw ContractError(E.overflow) }
                k.reserve = reserve
                x.ledger.credit(x.sender, quote.totalAmount)
                k.creatorFeeBalances[creator] = creatorFees
                k.treasury = treasury
                k.supply[creator] = newSupply
                k.keyBalances[creator, default: [:]][x.sender] = keys
                emit(k, x, "KeySold", trade(quote, creator: creator, trader: ("seller", x.sender), supply: newSupply))
                return quote.json
            }
        },
    ]

    static func trade(_ q: Quote, creator: String, trader: (String, String), supply: Int128) -> JSON {
        ["creator": .string(creator), .init(stringLiteral: trader.0): .string(trader.1), "price": Amount.wire(q.price),
         "creator_fee": Amount.wire(q.creatorFee), "protocol_fee": Amount.wire(q.protocolFee),
         "total_amount": Amount.wire(q.totalAmount), "supply": Amount.wire(supply)]
    }

    /// 3 to 32 characters of `[a-z0-9_]`.
    static func validate(handle: String, _ x: Execution) throws(ContractError) {
        let bytes = Array(handle.utf8)
        try x.require(bytes.count >= 3, .keysHandleTooShort, or: ContractError(E.handleTooShort))
        try x.require(bytes.count <= 32, .keysHandleTooLong, or: ContractError(E.handleTooLong))
        let ok = bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        try x.require(ok, .keysHandleCharacter, or: ContractError(E.invalidHandleCharacter))
    }
}
