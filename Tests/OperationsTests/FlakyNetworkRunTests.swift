import Fixtures
import Foundation
import Testing

/// A Load run survives a flaky network: a child run of the Load suite against its own embedded
/// devnet that loses 5 % of the answers to included transactions and adds up to 100 ms to every
/// answer. The suite itself fails on any state mismatch (a payment made twice leaves a balance
/// the user's expected state does not), on a broken invariant, and on funds left uncollected;
/// this test checks that the run passed and that the faults really happened and were resolved
/// by lookups rather than blind retries.
@Suite("A Load run over a flaky network", .timeLimit(.minutes(10)))
struct FlakyNetworkRunTests {
    static let faults = "drop-after-include=5%,jitter=100ms,seed=15"

    @Test("30 s of the all mix at 5% of answers dropped after inclusion and 100 ms jitter: no mismatch, every lost write found, funds back")
    func flakyNetworkLoad() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-faults-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let child = try EmbeddedSuiteRun.start(filter: EmbeddedSuiteRun.loadSuite,
            settings: ["DEVNET_FAULTS": Self.faults, "LOAD_MIXES": "all", "LOAD_USERS": "20", "LOAD_DURATION": "30"],
            home: home, name: "Load with \(Self.faults)")
        let exit = try await child.waitForExit(timeout: .seconds(480))
        let text = child.text
        #expect(!exit.signalled && exit.status == 0, "the Load run failed over the flaky network:\n\(text.suffix(4000))")
        #expect(text.contains("state mismatches: 0, invariant violations: 0, failures: 0"), "\(text.suffix(3000))")

        // "network: 41 lost answers, 0 retries, 41 lookups (41 found included)"
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("network: ") }, "the summary names the faults survived")
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        try #require(numbers.count == 4, "\(line)")
        let (lost, lookups, found) = (numbers[0], numbers[2], numbers[3])
        #expect(lost > 0 && found > 0, "the faults happened and lost writes were found included: \(line)")
        #expect(lookups >= found, "every write found included was looked up first: \(line)")
        let summary = text.split(separator: "\n").filter { l in ["throughput:", "funds:", "network:", "state mismatches:", "total "].contains { l.trimmingCharacters(in: .whitespaces).hasPrefix($0) } }
        print("flaky-network load run (\(Self.faults)):\n" + summary.joined(separator: "\n"))
    }
}
