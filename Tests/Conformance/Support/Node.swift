import Fixtures
import Foundation
import Networks
import Testing

/// The node under test, seen only through SPEC's JSON-RPC API: the shared network fixture's
/// connection (the embedded devnet, or `DEVNET_URL`), typed clients, and helpers that send
/// calls and check every receipt's charges against SPEC 3.
struct Node {
    let connection: Connection
    var chain: NativeChain { connection.chain }
    var underlying: UnderlyingChain { connection.underlying }
    var info: NetworkInfo { connection.info }
    var asset: AssetManager {
        AssetManager(chain: chain, id: info.contracts["asset_manager"] ?? "asset_manager", fundID: info.contracts["fund"] ?? "fund")
    }
    var schedules: Schedules { Schedules(chain: chain, id: info.contracts["scheduler"] ?? "scheduler") }

    static func connect() async throws -> Node { Node(connection: try await Network.shared.connection()) }

    /// A fresh account holding `nat` wei (from the faucet, or from the admin).
    func account(nat: Int128 = 1_000 * Units.nat) async throws -> Account {
        try await connection.newAccount(nat: nat)
    }

    /// A fresh native account and its underlying twin, funded with `nat` wei and `und` drops.
    func party(nat: Int128 = 1_000 * Units.nat, und: Int128 = 1_000 * Units.und) async throws -> Party {
        let key = KeyPair()
        try await connection.fund(key.address, nat: nat)
        if und > 0 { try await connection.fundUnderlying(key.address, und: und) }
        return Party(account: Account(key: key, chain: chain, chainID: info.chainID),
            und: UnderlyingAccount(key: key, chain: underlying, chainID: info.underlyingChainID))
    }

    /// An account object for a key the node has never credited.
    func unfunded(_ key: KeyPair = KeyPair()) -> Account { Account(key: key, chain: chain, chainID: info.chainID) }

    /// Sends `call` (of a contract of kind `kind`), checks `gas_used` and `fee` against SPEC 3
    /// for any status, and returns the receipt.
    @discardableResult
    func send(_ call: Call, _ kind: SpecGas.ContractKind, by account: Account, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Receipt
    {
        let receipt = try await account.send(call)
        for mismatch in SpecCharges.mismatches(receipt, for: SpecCall(call, kind: kind)) {
            Issue.record("\(mismatch)", sourceLocation: sourceLocation)
        }
        return receipt
    }

    /// Like `send`, and requires the call to succeed.
    @discardableResult
    func succeed(_ call: Call, _ kind: SpecGas.ContractKind, by account: Account, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Receipt
    {
        let receipt = try await send(call, kind, by: account, sourceLocation: sourceLocation)
        try #require(receipt.status == .success, "\(kind).\(call.method) reverted: \(receipt.json)", sourceLocation: sourceLocation)
        return receipt
    }

    /// The NAT balance of `address`.
    func nat(_ address: String) async throws -> Int128 { try await chain.balance(of: address) }

    /// The UND balance of the underlying address `address`.
    func und(_ address: String) async throws -> Int128 { try await underlying.balance(of: address) }

    /// The settings of the bridged asset, as the node reports them (SPEC 6).
    func settings() async throws -> AssetSettingsInfo { try await asset.settings() }
}

/// A test's user: a native account and its underlying twin.
struct Party {
    let account: Account
    let und: UnderlyingAccount
    var address: String { account.address }
    var undAddress: String { und.address }
}

/// Builds a native transfer call.
func transfer(to: String, amount: Int128) -> Call {
    Call(contract: "native", method: "transfer", args: ["to": .string(to), "amount": Amount.wire(amount)])
}

/// SPEC 3's fee for a call, for a test's expected balances.
func specFee(_ kind: SpecGas.ContractKind, _ method: String) throws -> Int128 { try SpecGas.fee(for: SpecCall(kind, method)) }
