import Devnet
import Networks

/// An asset node in strict mode with a funded admin and alice, reached through the API.
struct StrictNode {
    let t: AssetNode
    let admin: Account
    let alice: Account
    let aliceUnd: UnderlyingAccount

    init(options: DevnetOptions = DevnetOptions(strictSpec: true)) async throws {
        t = try AssetNode(options: options)
        try await t.chain.faucet(t.node.adminKey.address, nat: 1_000 * Units.nat)
        admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
        (alice, aliceUnd) = try await t.user(try TestKeys.alice())
    }

    /// `nat_call` of `contract.method(args)`, raw.
    func read(_ contract: String, _ method: String, _ args: [String: JSON] = [:]) async throws -> JSON {
        try await t.chain.call(Call(contract: contract, method: method, args: args))
    }

    /// The keys of an object.
    static func keys(_ json: JSON?) -> Set<String> { Set(json?.objectValue?.keys.map { $0 } ?? []) }
}
