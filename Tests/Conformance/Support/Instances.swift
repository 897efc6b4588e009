import Fixtures
import Foundation
import Networks
import Testing

/// A creator-keys instance a test deployed for itself (SPEC 4), with its admin.
struct KeysInstance {
    let node: Node
    let keys: CreatorKeys
    let admin: Account
    var id: String { keys.id }

    /// Deploys a fresh instance; its deployer (a new funded account) is its admin.
    static func deploy(_ node: Node, adminNAT: Int128 = 1_000 * Units.nat) async throws -> KeysInstance {
        let admin = try await node.account(nat: adminNAT)
        let receipt = try await node.succeed(Call(contract: "deployer", method: "deploy", args: ["kind": "creator_keys"]), .deployer, by: admin)
        let id = try #require(receipt.result?["contract"]?.stringValue, "deploy's result names the new contract: \(receipt.json)")
        return KeysInstance(node: node, keys: CreatorKeys(id: id, chain: node.chain), admin: admin)
    }

    /// Deploys an instance priced at `price` with the split `creatorBps`/`protocolBps`.
    static func priced(_ node: Node, price: Int128 = 1_000_000, creatorBps: Int64 = 9_000, protocolBps: Int64 = 1_000) async throws
        -> KeysInstance
    {
        let instance = try await deploy(node)
        try await instance.admin("set_key_price", ["price": Amount.wire(price)])
        try await instance.admin("set_fee_config", ["creator_bps": .int(creatorBps), "protocol_bps": .int(protocolBps)])
        return instance
    }

    /// A call of this instance.
    func call(_ method: String, _ args: [String: JSON] = [:]) -> Call { Call(contract: id, method: method, args: args) }

    /// Sends `method` as the admin and requires success.
    @discardableResult
    func admin(_ method: String, _ args: [String: JSON] = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Receipt {
        try await node.succeed(call(method, args), .creatorKeys, by: admin, sourceLocation: sourceLocation)
    }

    /// Sends `method` by `account`, whatever the outcome; charges are checked against SPEC.
    @discardableResult
    func send(_ method: String, _ args: [String: JSON] = [:], by account: Account, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Receipt
    {
        try await node.send(call(method, args), .creatorKeys, by: account, sourceLocation: sourceLocation)
    }

    /// A new funded account registered as a creator under `handle`.
    func creator(_ handle: String = "creator") async throws -> Account {
        let creator = try await node.account()
        let receipt = try await send("register_creator", ["handle": .string(handle)], by: creator)
        try #require(receipt.status == .success, "register_creator: \(receipt.json)")
        return creator
    }

    /// A read of this instance; contract failures throw `CreatorKeysError`.
    func read(_ method: String, _ args: [String: JSON] = [:]) async throws -> JSON { try await keys.read(method, args) }
}

/// Expects a reverted receipt carrying `error` (SPEC 4's code and name).
func expectReverted(_ receipt: Receipt, _ error: CreatorKeysError, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(receipt.status == .reverted && receipt.error?.code == error.rawValue && receipt.error?.name == error.name,
        "expected \(error) to revert the call: \(receipt.json)", sourceLocation: sourceLocation)
}
