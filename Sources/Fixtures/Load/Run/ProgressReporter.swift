import Foundation
import Networks

/// The live statistics line of a running load case (the stress tester's "mainloop that
/// periodically reports statistics"), on standard error every `interval`
/// (`LOAD_REPORT_INTERVAL`, default 10 s; 0 turns it off).
struct ProgressReporter {
    let label: String
    let run: LoadRun
    let statistics: RunStatistics
    let planned: Duration
    let idleUsers: @Sendable () -> Int

    func run(every interval: Duration) async {
        guard interval > .zero else { return }
        var next = statistics.start + interval
        while !Task.isCancelled {
            try? await Task.sleep(until: next, clock: .continuous)
            if Task.isCancelled { return }
            let text = await line(interval: statistics.takeInterval())
            FileHandle.standardError.write(Data((text + "\n").utf8))
            next += interval
        }
    }

    /// One line: elapsed / planned, actions and rates (last interval and overall), success,
    /// the last interval's p50 and p99, mismatches, pending claims, idle users, and the NAT
    /// of the funder and of the public agents' pools.
    func line(interval: IntervalFigures) async -> String {
        let elapsed = (ContinuousClock.now - statistics.start).seconds
        let total = statistics.total
        let overallRate = Double(total.finished) / max(elapsed, 0.001)
        let accounts = run.accounts
        let mintings = accounts.reduce(0) { $0 + $1.activity.pending.mintings }
        let redemptions = accounts.reduce(0) { $0 + $1.activity.pending.redemptions }
        var parts = [
            "[\(label)] \(Int(elapsed))/\(Int(planned.seconds)) s",
            "\(total.finished) actions, \(overallRate.rounded(to: 1))/s (last \(Int(interval.seconds.rounded())) s: "
                + "\(interval.counts.finished), \(interval.rate.rounded(to: 1))/s)",
            "success \((total.successRate * 100).rounded(to: 1)) %",
            interval.counts.finished == 0 ? "p50 - p99 -"
                : "p50 \(interval.latency.p50.milliseconds.rounded(to: 1)) ms p99 \(interval.latency.p99.milliseconds.rounded(to: 1)) ms",
            "mismatches \(statistics.mismatchCount)",
            "pending \(mintings) mintings, \(redemptions) redemptions",
            "idle \(idleUsers())/\(run.users.count) users",
        ]
        if let funder = try? await run.context.chain.balance(of: run.funder.address) {
            parts.append("funder \(Asset.nat.format(funder))")
        }
        var pools: Int128 = 0
        var read = true
        for agent in run.context.agents {
            guard let pool = try? await run.context.asset.pool(ofAgent: agent.id) else {
                read = false
                break
            }
            pools += pool.totalCollateral
        }
        if read { parts.append("pools \(Asset.nat.format(pools))") }
        return parts.joined(separator: " | ")
    }
}
