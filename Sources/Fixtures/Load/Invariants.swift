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
    /// - NAT conservation per account: what the funder gave equals the balance plus gas,
    ///   reservation fees and NAT put into pools, minus NAT taken out of pools and default
    ///   premiums received.
    public static func check(run: LoadRun, baseline: Baseline) async throws -> [String] {
        var violations: [String] = []
        let asset = run.context.asset
        let s = run.context.settings
        let fund = try await asset.fundSupply()
        if fund.totalSupply != fund.minted - fund.burned {
            violations.append("FUND supply \(fund.totalSupply) != minted \(fund.minted) - burned \(fund.burned)")
        }
        let accounts = run.users.flatMap { [$0] + ($0.partner.map { [$0] } ?? []) }
        let executed = Int128(accounts.reduce(0) { $0 + $1.totals.executedLots }) * s.lotSize
        let redeemed = Int128(accounts.reduce(0) { $0 + $1.totals.redeemedLots }) * s.lotSize
        if fund.minted - baseline.fund.minted < executed {
            violations.append("FUND minted grew by \(fund.minted - baseline.fund.minted) uba, less than this case's mintings (\(executed) uba)")
        }
        if fund.burned - baseline.fund.burned < redeemed {
            violations.append("FUND burned grew by \(fund.burned - baseline.fund.burned) uba, less than this case's redemptions (\(redeemed) uba)")
        }
        for agent in try await asset.agents() where agent.mintedLots != agent.executedMintingLots - agent.redeemedLots {
            violations.append("agent \(agent.id.prefix(12)): minted lots \(agent.mintedLots) != executed \(agent.executedMintingLots) - redeemed \(agent.redeemedLots)")
        }
        for account in accounts {
            let t = account.totals
            let balance = try await run.context.chain.balance(of: account.address)
            let accounted = balance + t.gasFees + t.reservationFees + t.natIntoPools - t.natFromPools - t.defaultPremiums + t.natSent
            if accounted != account.record.given.nat {
                violations.append("NAT conservation for \(account.record.label): given \(account.record.given.nat) != balance \(balance) + gas \(t.gasFees) "
                    + "+ reservation fees \(t.reservationFees) + into pools \(t.natIntoPools) - from pools \(t.natFromPools) - premiums \(t.defaultPremiums)")
            }
        }
        return violations
    }
}
