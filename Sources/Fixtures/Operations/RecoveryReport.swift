import Networks

/// What `ledgerqa recover` did: a line per account and the totals, in whole units.
public struct RecoveryReport: Sendable {
    public let outcomes: [Recovery.Outcome]

    public init(outcomes: [Recovery.Outcome]) { self.outcomes = outcomes }

    public var text: String {
        guard !outcomes.isEmpty else { return "nothing to recover\n" }
        var lines = Table.render(header: ["account", "role", "returned NAT", "UND", "FUND", "pending left"], rows: outcomes.map { o in
            [o.record.label + " " + o.record.address.prefix(10), o.record.role.rawValue, Asset.nat.format(o.returned.nat),
                Asset.und.format(o.returned.und), Asset.fund.format(o.returned.fund),
                "\(o.record.book.mintings.count)m \(o.record.book.redemptions.count)r"]
        })
        let total = outcomes.reduce(Funds()) { $0 + $1.returned }
        lines.append("recovered \(outcomes.count) accounts: \(total.readable) back with the funder")
        return lines.joined(separator: "\n") + "\n"
    }
}
