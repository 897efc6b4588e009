import Foundation
import Networks

/// The accounts a run owns on one network: its workers' and seeded accounts' keys, kept in the
/// keystore under the run's name so a resumed run signs with the same keys, funded by the funder,
/// and collected back to it once the run is done with them (finished, or reset).
final class RunAccounts: Sendable {
    let run: String
    let keystore: Keystore
    let funder: Funder
    let context: ConnectionContext

    init(run: String, connection: Connection) async throws {
        self.run = run
        context = try await ConnectionContext(chain: connection.chain, info: connection.info)
        keystore = Keystore(root: Keystore.defaultRoot, network: connection.info)
        funder = try await FunderRegistry.shared.funder(context: context, keystore: keystore, configuration: try await LoadConfiguration.current())
    }

    /// The run's key `name`, generated and saved on first use.
    func key(_ name: String) throws -> KeyPair { try keystore.stepKey(run: run, name: name) }

    /// Gives `address` (and its underlying twin) `nat` wei and `und` drops from the funder.
    func fund(_ address: String, nat: Int128, und: Int128) async throws {
        guard nat > 0 || und > 0 else { return }
        // The funder pays a transfer's gas and a payment's fee on top of what it gives.
        try await funder.ensure(nat: nat + (nat > 0 ? 21_000 * context.info.gasPrice : 0), und: und + (und > 0 ? UnderlyingChain.transactionFee : 0))
        _ = try await funder.give(Funds(nat: nat, und: und), to: address)
    }

    /// Returns every key's funds to the funder and forgets the keys; the collection records
    /// in the keystore keep their seeds. Never throws: what could not be collected is logged.
    func collectAll(log: StepLog) async -> Funds {
        let keys: [(name: String, key: KeyPair)]
        do { keys = try keystore.stepKeys(run: run) } catch {
            log.write("COLLECT_FAILED", ["error": "\(error)"])
            return Funds()
        }
        var total = Funds()
        for (name, key) in keys {
            let record = UserRecord(key: key, role: .user, label: "steps:\(run):\(name)")
            let user = LoadUser(index: 0, key: key, role: .user, partner: nil, connection: context, seed: 0, keystore: keystore,
                opLog: nil, userLog: nil, record: record)
            total = total + (await funder.collect(user))
        }
        keystore.removeStepKeys(run: run)
        log.write("COLLECTED", ["accounts": "\(keys.count)", "nat": Asset.nat.format(total.nat), "und": Asset.und.format(total.und),
            "fund_uba": "\(total.fund)"])
        return total
    }
}
