import Foundation
import Networks

/// Returning the funds of accounts a run left behind (the stress tester's "utility to recover
/// lost funds"): each account is taken over (its record names this process before anything
/// moves, so two recoveries never collect the same account), settled and collected to the
/// funder. Safe to run twice and to interrupt: an account taken over by a process that is
/// gone is taken over again.
public enum Recovery {
    /// What recovery did for one account.
    public struct Outcome: Sendable {
        public let record: UserRecord
        public let returned: Funds
    }

    /// The accounts a recovery would take: records whose owner is gone (still `active`, or
    /// `collected` with pending claims); with `all`, every record this process does not own.
    public static func stranded(_ records: [UserRecord], all: Bool = false) -> [UserRecord] {
        records.filter { r in
            guard !r.isMine else { return false }
            if all { return !(r.status == .active && r.owner.isAlive && r.owner.host == ProcessOwner.current.host) }
            if r.status == .idle { return false }
            return r.isAbandoned || (r.status == .collected && !r.book.isEmpty && !r.owner.isAlive)
        }
    }

    /// Takes over and collects `records`, in parallel, logging to `recovery.log`.
    public static func collect(
        _ records: [UserRecord], keystore: Keystore, context: ConnectionContext, funder: Funder
    ) async -> [Outcome] {
        guard !records.isEmpty else { return [] }
        let log = LoadLog(url: keystore.directory.appendingPathComponent("recovery.log"))
        log.write("recovering \(records.count) accounts")
        defer { log.close() }
        return await withTaskGroup(of: Outcome?.self) { group in
            for record in records {
                guard let key = try? KeyPair(seedHex: record.seedHex) else {
                    log.write("\(record.label) \(record.address): unreadable key, skipped")
                    continue
                }
                group.addTask {
                    var owned = record
                    owned.owner = .current
                    owned.status = .active
                    let user = LoadUser(index: record.setIndex ?? 0, key: key, role: record.role, partner: nil, connection: context, seed: 0,
                        keystore: keystore, opLog: nil, userLog: log, record: owned)
                    do { try await keystore.saveDurably(owned) } catch {
                        log.write("\(record.label) \(record.address): cannot take over: \(error)")
                        return nil
                    }
                    let returned = await funder.collect(user, unblock: true)
                    if record.userSet != nil { user.record.status = .idle }  // a generated user stays in its set
                    try? await keystore.saveDurably(user.record)
                    log.write("recovered \(record.label) \(record.address): \(returned.readable)")
                    return Outcome(record: user.record, returned: returned)
                }
            }
            var outcomes: [Outcome] = []
            for await outcome in group { if let outcome { outcomes.append(outcome) } }
            return outcomes.sorted { $0.record.label < $1.record.label }
        }
    }
}

/// Recovers what crashed runs left in a keystore, once per process, before new users are made.
actor AutomaticRecovery {
    static let shared = AutomaticRecovery()
    private var done: Set<String> = []

    func recoverOnce(keystore: Keystore, context: ConnectionContext, funder: Funder) async {
        guard !done.contains(keystore.directory.path) else { return }
        done.insert(keystore.directory.path)
        try? keystore.compact()
        guard let records = try? keystore.records() else { return }
        _ = await Recovery.collect(Recovery.stranded(records), keystore: keystore, context: context, funder: funder)
    }
}

extension UserBook {
    var isEmpty: Bool { mintings.isEmpty && redemptions.isEmpty && redeemIntent == nil }
}
