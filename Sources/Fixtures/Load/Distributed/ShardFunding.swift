import Foundation
import Networks
import Synchronization

/// Each shard's case funds its users from a funder of its own, filled from the configured
/// funder (the faucet's or `LOAD_FUNDER_KEY`'s account) and emptied back into it at the end,
/// so that shards never race on one account's nonce while they fund and collect users.
///
/// Its key is kept in the keystore (role `shard-funder`) before any funds move to it: a shard
/// killed at any point leaves it to `ledgerqa recover`, like its users.
enum ShardFunding {
    /// What `settle` needs of a shard funder: its record and where it lives.
    struct Account: Sendable {
        let record: UserRecord
        let key: KeyPair
        let keystore: Keystore
        let context: ConnectionContext
    }

    private static let accounts = Mutex<[String: Account]>([:])

    /// `parent` itself for a single-process run; for a shard, a new funder kept in the keystore.
    static func funder(_ parent: Funder, shard: LoadShard?, label: String, runID: String, keystore: Keystore,
        context: ConnectionContext) async throws -> Funder
    {
        guard let shard else { return parent }
        let key = KeyPair()
        var record = UserRecord(key: key, role: .shardFunder, label: "funder-\(shard.name)-\(label)")
        record.run = runID
        try await keystore.saveDurably(record)
        let funder = Funder(key: key, context: context, parent: parent)
        accounts.withLock { $0[funder.address] = Account(record: record, key: key, keystore: keystore, context: context) }
        return funder
    }

    /// Moves `nat` wei and `und` drops from `parent` to `child`. Other shards' processes may
    /// use the parent's account at the same moment: a transaction refused for its nonce (or
    /// sequence), which changed nothing, is signed again with the next one.
    static func fill(_ child: Funder, from parent: Funder, nat: Int128, und: Int128) async throws {
        // The parent pays the transfer's gas and the payment's fee on top (generously: one NAT, 100 drops).
        try await parent.ensure(nat: nat + Units.nat, und: und + 100)
        for part in [Funds(nat: nat), Funds(und: und)] where part.nat > 0 || part.und > 0 {
            var attempt = 0
            while true {
                do {
                    _ = try await parent.give(part, to: child.address)
                    break
                } catch let error as RPCError where error.code == RPCErrorCode.wrongNonce && attempt < 50 {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(Int64.random(in: 5...50)))
                }
            }
        }
    }

    /// Returns what a shard funder holds (what its users' collection brought back, FUND
    /// included) to its parent, and marks it collected; nothing for other funders.
    static func settle(_ funder: Funder) async {
        guard let parent = funder.parent, let account = accounts.withLock({ $0.removeValue(forKey: funder.address) }) else { return }
        let holder = LoadUser(index: 0, key: account.key, role: .shardFunder, partner: nil, connection: account.context, seed: 0,
            keystore: account.keystore, opLog: nil, userLog: nil, record: account.record)
        _ = await parent.collect(holder)
    }
}
