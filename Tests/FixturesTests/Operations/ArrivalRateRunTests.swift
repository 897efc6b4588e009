@testable import Fixtures
import Foundation
import Networks
import Testing

/// The open model on the embedded devnet: actions start on the schedule, on idle users, and
/// an iteration with no idle user is dropped, never delayed.
@Suite("Arrival-rate runs", .timeLimit(.minutes(5)))
struct ArrivalRateRunTests {
    @Test("20/s for 5 s starts or drops exactly 100 iterations, each user making its own seeded choices")
    func constantRate() async throws {
        var configuration = LoadConfiguration(seed: 21)
        configuration.arrivalRate = ArrivalRate(startRate: 20)
        configuration.reportInterval = .zero
        let run = try await LoadRun.provision(count: 4, label: "rate", configuration: configuration, duration: .seconds(5))
        let report = try await run.run(LoadMix("rate", [.enterRandomPoolRandomAmount, .withdrawRandomPoolFees]))
        #expect(report.total.counts.started + report.dropped == 100, "\(report.total.counts.started) started, \(report.dropped) dropped")
        #expect(report.total.counts.started > 0 && report.mismatchCount == 0, "\(report.text)")
        #expect(report.settings.executor == "constant arrival rate 20.0/s")
        let perSecond = report.series.prefix(5).map { $0.total.started + $0.dropped }
        #expect(perSecond.reduce(0, +) <= 100, "the series holds the starts and drops of each second: \(perSecond)")
    }

    @Test("with a single user busy in a long action, the iterations that find no idle user are counted as dropped")
    func drops() async throws {
        var configuration = LoadConfiguration(seed: 22)
        configuration.arrivalRate = ArrivalRate(startRate: 10)
        configuration.reportInterval = .zero
        let run = try await LoadRun.provision(count: 1, label: "drops", configuration: configuration, duration: .seconds(3))
        // Scenario2 waits for the pool timelock (10 s): the one user is busy for the whole schedule.
        let report = try await run.run(LoadMix("drops", [.scenario2]))
        #expect(report.total.counts.started == 1, "\(report.text)")
        #expect(report.dropped == 29, "30 iterations, one started: \(report.dropped) dropped")
    }
}
