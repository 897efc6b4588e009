import Foundation
import Networks

/// The summary of one load case: counts, success rate and latency percentiles per action,
/// throughput, fees, the seed, mismatches and invariant violations.
public struct LoadReport: Sendable {
    public let label: String
    public let seed: UInt64
    public let users: Int
    public let actions: [ActionName]
    public let stats: LoadStats
    public let invariantViolations: [String]

    /// Actions per second over the run.
    public var throughput: Double { stats.elapsedSeconds > 0 ? Double(stats.executed) / stats.elapsedSeconds : 0 }

    public var text: String {
        var lines = ["Load case \(label): \(users) users for \(stats.elapsedSeconds.rounded(to: 1)) s, seed \(seed) (LOAD_SEED=\(seed) replays every user's choices)"]
        lines.append(pad("action", 44) + pad("executed", 10, right: true) + pad("success", 9, right: true) + pad("p50 ms", 9, right: true)
            + pad("p90 ms", 9, right: true) + pad("p99 ms", 9, right: true) + pad("mismatch", 10, right: true))
        for name in ActionName.allCases where actions.contains(name) {
            let a = stats.actions[name] ?? ActionStats()
            func ms(_ p: Double) -> String { a.executed == 0 ? "-" : String((Double(a.latency.valueAtPercentile(p)) / 1000).rounded(to: 1)) }
            lines.append(pad(name.rawValue, 44) + pad(String(a.executed), 10, right: true)
                + pad(a.executed == 0 ? "-" : "\((a.successRate * 100).rounded(to: 1))%", 9, right: true)
                + pad(ms(50), 9, right: true) + pad(ms(90), 9, right: true) + pad(ms(99), 9, right: true)
                + pad(String(a.withMismatches), 10, right: true))
        }
        lines.append("total: \(stats.executed) actions, \(throughput.rounded(to: 1)) actions/s, success rate \((stats.successRate * 100).rounded(to: 2))%")
        lines.append("fees: gas \(nat(stats.gasFees)) NAT, underlying \(Double(stats.underlyingFees) / 1e6) UND, reservation \(nat(stats.reservationFees)) NAT")
        lines.append("pool tokens moved to partners: \(stats.tokensToPartners)")
        lines.append("state mismatches: \(stats.mismatches.count), invariant violations: \(invariantViolations.count)")
        lines += stats.mismatches.prefix(50).map { "  MISMATCH \($0)" }
        lines += invariantViolations.map { "  INVARIANT \($0)" }
        lines += stats.failures.prefix(20).map { "  FAILURE \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    func nat(_ wei: Int128) -> String { String((Double(wei) / 1e18).rounded(to: 6)) }

    func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
