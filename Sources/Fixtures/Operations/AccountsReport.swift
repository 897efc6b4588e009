import Foundation
import Networks

/// The keystore's accounts on one network with their live balances: `ledgerqa accounts`.
public struct AccountsReport: Sendable {
    /// One account: its record and what it holds now.
    public struct Row: Sendable {
        public let record: UserRecord
        public let funds: Funds
        /// Pool tokens over every public agent's pool.
        public let poolTokens: Int128
        public var pendingClaims: Int { record.book.mintings.count + record.book.redemptions.count }
        /// Whether the account holds no more than dust (`LoadRun.dust`, and no pool tokens).
        public var isDust: Bool {
            funds.nat <= LoadRun.dust.nat && funds.und <= LoadRun.dust.und && funds.fund <= LoadRun.dust.fund && poolTokens == 0
        }
    }

    public let rows: [Row]
    public let funder: (address: String, funds: Funds)?

    /// Reads every record of `connection`'s keystore and its balances (in parallel batches).
    public static func read(_ connection: OperatorConnection, funderAddress: String? = nil) async throws -> AccountsReport {
        let records = try connection.keystore.records()
        let context = connection.context
        let underlying = UnderlyingChain(rpc: context.chain.rpc)
        func funds(_ address: String) async throws -> Funds {
            Funds(nat: try await context.chain.balance(of: address), und: try await underlying.balance(of: "u" + address.dropFirst()),
                fund: try await context.asset.fundBalance(of: address))
        }
        let rows = try await withThrowingTaskGroup(of: Row.self) { group in
            for record in records {
                group.addTask {
                    var tokens: Int128 = 0
                    for agent in context.agents {
                        tokens += try await context.asset.poolHolding(agent: agent.id, holder: record.address).tokens
                    }
                    return Row(record: record, funds: try await funds(record.address), poolTokens: tokens)
                }
            }
            var rows: [Row] = []
            for try await row in group { rows.append(row) }
            return rows.sorted { ($0.record.label, $0.record.address) < ($1.record.label, $1.record.address) }
        }
        let funder = try await funderAddress.asyncMap { ($0, try await funds($0)) }
        return AccountsReport(rows: rows, funder: funder)
    }

    /// The table a person reads: one line per account, then totals; amounts in whole units.
    public var text: String {
        let header = ["account", "role", "set", "run", "status", "owner", "NAT", "UND", "FUND", "pool tokens", "pending"]
        var lines = Table.render(header: header, rows: rows.map { row in
            let r = row.record
            return [r.label + " " + r.address.prefix(10), r.role.rawValue, r.userSet.map { "\($0)#\(r.setIndex ?? 0)" } ?? "-", r.run ?? "-",
                r.status.rawValue, r.isMine ? "this process" : r.owner.isAlive ? "\(r.owner) (alive)" : "\(r.owner) (gone)",
                Asset.nat.format(row.funds.nat), Asset.und.format(row.funds.und), Asset.fund.format(row.funds.fund), String(row.poolTokens),
                "\(r.book.mintings.count)m \(r.book.redemptions.count)r"]
        })
        let total = rows.reduce(Funds()) { $0 + $1.funds }
        lines.append("\(rows.count) accounts, \(rows.filter(\.isDust).count) at dust; they hold \(total.readable), "
            + "\(rows.reduce(Int128(0)) { $0 + $1.poolTokens }) pool tokens and \(rows.reduce(0) { $0 + $1.pendingClaims }) pending claims")
        if let funder { lines.append("funder \(funder.address): \(funder.funds.readable)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
