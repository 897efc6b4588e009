/// A buy or sell quote (SPEC 4).
public struct Quote: Sendable, Hashable, CustomStringConvertible {
    public var price: Int128
    public var creatorFee: Int128
    public var protocolFee: Int128
    public var totalAmount: Int128

    public init(price: Int128, creatorFee: Int128, protocolFee: Int128, totalAmount: Int128) {
        self.price = price
        self.creatorFee = creatorFee
        self.protocolFee = protocolFee
        self.totalAmount = totalAmount
    }

    public init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "quote")
        self.init(
            price: try f.amount("price"), creatorFee: try f.amount("creator_fee"),
            protocolFee: try f.amount("protocol_fee"), totalAmount: try f.amount("total_amount"))
    }

    public var json: JSON {
        ["price": Amount.wire(price), "creator_fee": Amount.wire(creatorFee),
         "protocol_fee": Amount.wire(protocolFee), "total_amount": Amount.wire(totalAmount)]
    }

    public var description: String {
        "price \(price), creator_fee \(creatorFee), protocol_fee \(protocolFee), total \(totalAmount)"
    }
}

/// The pricing curve of an instance (SPEC 4).
public enum CurveKind: String, Sendable, CaseIterable { case flat, linear, quadratic }

/// A typed client of one creator-keys instance. Writes go through an `Account` and throw
/// `CreatorKeysError` when the transaction reverts; reads throw it for contract failures.
public struct CreatorKeys: Sendable {
    public let id: String
    public let chain: NativeChain

    public init(id: String, chain: NativeChain) {
        self.id = id
        self.chain = chain
    }

    /// Deploys a fresh instance; `admin` becomes its admin.
    public static func deploy(by admin: Account) async throws -> CreatorKeys {
        let receipt = try ContractErrors.check(
            try await admin.send(Call(contract: "deployer", method: "deploy", args: ["kind": "creator_keys"])),
            as: CreatorKeysError.self)
        guard let id = receipt.result?["contract"]?.stringValue else {
            throw DecodingFailure("deploy receipt has no result.contract")
        }
        return CreatorKeys(id: id, chain: admin.chain)
    }

    // MARK: writes

    /// Sends a call of this instance and returns the receipt, throwing the typed error on revert.
    @discardableResult
    public func send(_ method: String, _ args: [String: JSON] = [:], by account: Account) async throws -> Receipt {
        try ContractErrors.check(
            try await account.send(Call(contract: id, method: method, args: args)), as: CreatorKeysError.self)
    }

    @discardableResult
    public func setKeyPrice(_ price: Int128, by admin: Account) async throws -> Receipt {
        try await send("set_key_price", ["price": Amount.wire(price)], by: admin)
    }

    @discardableResult
    public func setFeeConfig(creatorBps: Int64, protocolBps: Int64, by admin: Account) async throws -> Receipt {
        try await send("set_fee_config", ["creator_bps": .int(creatorBps), "protocol_bps": .int(protocolBps)], by: admin)
    }

    @discardableResult
    public func setCurve(_ kind: CurveKind, slope: Int128 = 0, by admin: Account) async throws -> Receipt {
        try await send("set_curve", ["kind": .string(kind.rawValue), "slope": Amount.wire(slope)], by: admin)
    }

    @discardableResult
    public func pause(by admin: Account) async throws -> Receipt { try await send("pause", by: admin) }

    @discardableResult
    public func unpause(by admin: Account) async throws -> Receipt { try await send("unpause", by: admin) }

    @discardableResult
    public func setTestTimestamp(_ timestamp: Int64, by admin: Account) async throws -> Receipt {
        try await send("set_test_timestamp", ["timestamp": .int(timestamp)], by: admin)
    }

    @discardableResult
    public func withdrawTreasury(_ amount: Int128, to: String, by admin: Account) async throws -> Receipt {
        try await send("withdraw_treasury", ["amount": Amount.wire(amount), "to": .string(to)], by: admin)
    }

    @discardableResult
    public func registerCreator(handle: String, by creator: Account) async throws -> Receipt {
        try await send("register_creator", ["handle": .string(handle)], by: creator)
    }

    /// Buys one key of `creator`, offering `payment` wei; exactly `total_amount` is taken.
    @discardableResult
    public func buyKey(creator: String, payment: Int128, maxPrice: Int128? = nil, by buyer: Account) async throws -> Receipt {
        var args: [String: JSON] = ["creator": .string(creator), "payment": Amount.wire(payment)]
        if let maxPrice { args["max_price"] = Amount.wire(maxPrice) }
        return try await send("buy_key", args, by: buyer)
    }

    @discardableResult
    public func sellKey(creator: String, by seller: Account) async throws -> Receipt {
        try await send("sell_key", ["creator": .string(creator)], by: seller)
    }

    // MARK: reads

    /// A read-only call of this instance; contract failures throw `CreatorKeysError`.
    public func read(_ method: String, _ args: [String: JSON] = [:]) async throws -> JSON {
        try await ContractErrors.read(CreatorKeysError.self) {
            try await chain.call(Call(contract: id, method: method, args: args))
        }
    }

    public func buyQuote(creator: String) async throws -> Quote {
        try Quote(json: try await read("get_buy_quote", ["creator": .string(creator)]))
    }

    public func sellQuote(creator: String, holder: String) async throws -> Quote {
        try Quote(json: try await read("get_sell_quote", ["creator": .string(creator), "holder": .string(holder)]))
    }

    public func totalKeySupply(creator: String) async throws -> Int128 {
        try NativeChain.amount(try await read("get_total_key_supply", ["creator": .string(creator)]), "get_total_key_supply")
    }

    public func keyBalance(creator: String, holder: String) async throws -> Int128 {
        try NativeChain.amount(
            try await read("get_key_balance", ["creator": .string(creator), "holder": .string(holder)]), "get_key_balance")
    }

    public func creatorFeeBalance(creator: String) async throws -> Int128 {
        try NativeChain.amount(
            try await read("get_creator_fee_balance", ["creator": .string(creator)]), "get_creator_fee_balance")
    }

    public func treasuryBalance() async throws -> Int128 {
        try NativeChain.amount(try await read("get_treasury_balance"), "get_treasury_balance")
    }

    /// The instance's NAT reserve (what buys paid in as `price`).
    public func reserveBalance() async throws -> Int128 {
        try NativeChain.amount(try await read("get_reserve_balance"), "get_reserve_balance")
    }

    public func keyPrice() async throws -> Int128 {
        try NativeChain.amount(try await read("get_key_price"), "get_key_price")
    }

    public func feeConfig() async throws -> (creatorBps: Int64, protocolBps: Int64) {
        let f = try Fields(try await read("get_fee_config"), "get_fee_config")
        return (try f.int("creator_bps"), try f.int("protocol_bps"))
    }
}
