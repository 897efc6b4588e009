import Networks

/// What a refused request must leave as it was: the balances and nonces of the accounts
/// involved and the whole event log.
struct LedgerSnapshot: Equatable, CustomStringConvertible {
    var balances: [String: Int128]
    var nonces: [String: Int64]
    var events: [Event]
    var nextSeq: Int64

    var description: String {
        "balances \(balances), nonces \(nonces), \(events.count) events, next_seq \(nextSeq)"
    }
}

extension TestNode {
    /// Reads the state of `addresses` and the event log through the API.
    func snapshot(_ addresses: [String]) async throws -> LedgerSnapshot {
        var balances: [String: Int128] = [:]
        var nonces: [String: Int64] = [:]
        for address in addresses {
            balances[address] = try await chain.balance(of: address)
            nonces[address] = try await chain.nonce(of: address)
        }
        let page = try await chain.events(since: 1, limit: 10_000)
        return LedgerSnapshot(balances: balances, nonces: nonces, events: page.events, nextSeq: page.nextSeq)
    }
}
