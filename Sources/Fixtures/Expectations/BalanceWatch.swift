public import Networks
public import Testing

/// One balance read now and compared later with what SPEC says it must have become.
///
/// ```swift
/// let watch = try await BalanceWatch.nat(of: buyer.address, on: env.chain)
/// let receipt = try await env.keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
/// try await watch.expectChange(by: -(quote.totalAmount + SpecGas.fee(.creatorKeys, "buy_key")!), "the buyer's NAT")
/// ```
public struct BalanceWatch: Sendable {
    public let asset: Asset
    public let address: String
    /// The balance when the watch began.
    public let before: Int128
    private let read: @Sendable () async throws -> Int128

    init(asset: Asset, address: String, read: @escaping @Sendable () async throws -> Int128) async throws {
        self.asset = asset
        self.address = address
        self.read = read
        before = try await read()
    }

    /// The NAT balance of a native address.
    public static func nat(of address: String, on chain: NativeChain) async throws -> BalanceWatch {
        try await BalanceWatch(asset: .nat, address: address) { try await chain.balance(of: address) }
    }

    /// The UND balance of an underlying address (`u` + 64 hex).
    public static func und(of address: String, on chain: NativeChain) async throws -> BalanceWatch {
        let underlying = UnderlyingChain(rpc: chain.rpc)
        return try await BalanceWatch(asset: .und, address: address) { try await underlying.balance(of: address) }
    }

    /// The FUND balance of a native address.
    public static func fund(of address: String, on asset: AssetManager) async throws -> BalanceWatch {
        try await BalanceWatch(asset: .fund, address: address) { try await asset.fundBalance(of: address) }
    }

    /// The balance now.
    public func current() async throws -> Int128 { try await read() }

    /// Reads the balance again and records an issue unless it moved by exactly `delta`
    /// (negative for a decrease), in whole units beside base units.
    @discardableResult
    public func expectChange(by delta: Int128, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Bool {
        let now = try await read()
        return expectAmount(now, equals: before + delta, asset, "\(what) (changed by \(asset.format(now - before)))",
            sourceLocation: sourceLocation)
    }
}
