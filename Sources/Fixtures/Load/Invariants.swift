import Networks

/// The run's invariants, checked through the API at the end of each case (issue 4 item 7).
public enum Invariants {
    /// FUND totals and agents' lot counters when the case began.
    public struct Baseline: Sendable {
        let fund: FundSupply

        public init(context: ConnectionContext) async throws {
            fund = try await context.asset.fundSupply()
        }
    }

    /// Every violation, described; empty when all hold.
    ///
    /// - FUND supply equals minted − burned, and this case's mintings and redemptions are
    ///   inside the growth of both since the baseline (other tests may add more).
    /// - Each public agent's minted lots equal its executed minting lots − its redeemed lots.
    /// - NAT conservation per account: its NAT when the run began (after funding) equals the balance plus gas,
    ///   reservation fees and NAT put into pools, minus NAT taken out of pools and default
    ///   premiums received.
    public static func check(run: LoadRun, baseline: Baseline) async throws -> [InvariantResult] {
        let asset = run.context.asset
        let s = run.context.settings
        let fund = try await asset.fundSupply()
        var results = [InvariantResult(name: "fund_supply", holds: fund.totalSupply == fund.minted - fund.burned,
            detail: "FUND supply \(fund.totalSupply) uba = minted \(fund.minted) - burned \(fund.burned)")]
        let accounts = run.accounts
        let executed = Int128(accounts.reduce(0) { $0 + $1.totals.executedLots }) * s.lotSize
        let redeemed = Int128(accounts.reduce(0) { $0 + $1.totals.redeemedLots }) * s.lotSize
        results.append(InvariantResult(name: "fund_minted_covers_case", holds: fund.minted - baseline.fund.minted >= executed,
            detail: "FUND minted grew by \(fund.minted - baseline.fund.minted) uba, at least this case's mintings (\(executed) uba)"))
        results.append(InvariantResult(name: "fund_burned_covers_case", holds: fund.burned - baseline.fund.burned >= redeemed,
            detail: "FUND burned grew by \(fund.burned - baseline.fund.burned) uba, at least this case's redemptions (\(redeemed) uba)"))
        let agents = try await asset.agents()
        let wrongLots = agents.filter { $0.mintedLots != $0.executedMintingLots - $0.redeemedLots }
        results.append(InvariantResult(name: "agent_minted_lots", holds: wrongLots.isEmpty,
            detail: wrongLots.isEmpty ? "every public agent's minted lots = executed - redeemed (\(agents.count) agents)"
                : wrongLots.map { "agent \($0.id.prefix(12)): minted lots \($0.mintedLots) != executed \($0.executedMintingLots) - redeemed \($0.redeemedLots)" }
                    .joined(separator: "; ")))
        var unbalanced: [String] = []
        for account in accounts {
            let t = account.totals
            let balance = try await run.context.chain.balance(of: account.address)
            let accounted = balance + t.gasFees + t.reservationFees + t.natIntoPools - t.natFromPools - t.defaultPremiums + t.natSent
            if accounted != account.startingNAT {
                unbalanced.append("\(account.record.label): NAT at the start \(Asset.nat.format(account.startingNAT)) != balance \(Asset.nat.format(balance)) "
                    + "+ gas \(Asset.nat.format(t.gasFees)) + reservation fees \(Asset.nat.format(t.reservationFees)) "
                    + "+ into pools \(Asset.nat.format(t.natIntoPools)) - from pools \(Asset.nat.format(t.natFromPools)) "
                    + "- premiums \(Asset.nat.format(t.defaultPremiums)) + sent \(Asset.nat.format(t.natSent))")
            }
        }
        results.append(InvariantResult(name: "nat_conservation", holds: unbalanced.isEmpty,
            detail: unbalanced.isEmpty ? "every account's NAT is accounted for (\(accounts.count) accounts)" : unbalanced.joined(separator: "; ")))
        return results
    }
}

/// One invariant checked at the end of a case.
public struct InvariantResult: Sendable, Hashable, CustomStringConvertible {
    /// A stable name: `fund_supply`, `fund_minted_covers_case`, `fund_burned_covers_case`,
    /// `agent_minted_lots`, `nat_conservation`.
    public let name: String
    public let holds: Bool
    /// What was compared, with the figures.
    public let detail: String

    public var description: String { "\(name): \(holds ? "holds" : "VIOLATED"): \(detail)" }
}
