import Fixtures
import Foundation
import Networks
import Testing

/// FUND supply between two reads on a shared network: the change, and what the events in
/// between explain (mintings add value + pool fee, redemptions burn their value), so a test
/// is exact about the supply even while other suites mint and redeem.
struct SupplyWindow {
    let before: FundSupply
    let after: FundSupply
    let events: [Event]

    static func measure(_ asset: AssetManager, around body: () async throws -> Void) async throws -> SupplyWindow {
        let before = try await asset.fundSupply()
        try await body()
        let after = try await asset.fundSupply()
        var events: [Event] = []
        var seq = before.asOfSeq + 1
        while seq <= after.asOfSeq {
            let page = try await asset.chain.events(since: seq, limit: 10_000)
            events += page.events.filter { $0.seq <= after.asOfSeq }
            guard page.nextSeq > seq else { break }
            seq = page.nextSeq
        }
        return SupplyWindow(before: before, after: after, events: events)
    }

    var change: Int128 { after.totalSupply - before.totalSupply }

    /// The supply change the events of the window account for.
    var explained: Int128 {
        events.reduce(0) { sum, e in
            switch e.type {
            case "MintingExecuted": sum + Self.amount(e, "value_uba") + Self.amount(e, "pool_fee_uba")
            case "RedemptionRequested": sum - Self.amount(e, "value_uba")
            default: sum
            }
        }
    }

    static func amount(_ e: Event, _ key: String) -> Int128 { e.data[key]?.stringValue.flatMap { try? Amount.parse($0) } ?? 0 }
}
