@testable import Fixtures
import Testing

/// The open model's schedule: when each action starts, for constant and ramping rates.
@Suite("Arrival rates")
struct ArrivalRateTests {
    @Test("a constant rate starts action k at k/rate, until the duration ends")
    func constant() {
        let rate = ArrivalRate(startRate: 20)
        #expect(rate.start(of: 0, end: 30) == 0)
        #expect(rate.start(of: 20, end: 30) == 1)
        #expect(rate.start(of: 599, end: 30) == 29.95)
        #expect(rate.start(of: 600, end: 30) == nil, "exactly 600 actions in 30 s")
    }

    @Test("a ramp starts actions at the integral of its linear rate, and a ramp to zero ends them")
    func ramps() throws {
        let stages = try #require(ArrivalRate.parseStages("10s:10/s,10s:10/s,10s:0/s"))
        let rate = ArrivalRate(startRate: 0, stages: stages)
        #expect(rate.stagesDuration == .seconds(30))
        // 0→10/s over 10 s: 50 actions; then 100 at 10/s; then 50 while it falls to 0: 200 in all.
        let starts = (0..<300).compactMap { rate.start(of: $0, end: 30) }
        #expect(starts.count == 200, "\(starts.count)")
        #expect(abs((starts[50]) - 10) < 0.001, "the 51st action starts when the first ramp ends")
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }, "starts never go back")
        let firstSecond = starts.filter { $0 < 1 }.count
        let lastFullSecond = starts.filter { $0 >= 14 && $0 < 15 }.count
        #expect(firstSecond <= 1 && lastFullSecond == 10, "first second \(firstSecond), 15th \(lastFullSecond)")
    }

    @Test("rates and stages parse in their documented forms, and split evenly across shards")
    func parsing() throws {
        #expect(ArrivalRate.parseRate("40/s") == 40 && ArrivalRate.parseRate("600/m") == 10 && ArrivalRate.parseRate("3600/h") == 1)
        #expect(ArrivalRate.parseRate("-1/s") == nil && ArrivalRate.parseRate("fast") == nil)
        #expect(ArrivalRate.parseDuration("2m") == .seconds(120) && ArrivalRate.parseDuration("500ms") == .milliseconds(500))
        #expect(ArrivalRate.parseStages("30s:10/s,2m") == nil)
        let split = ArrivalRate(startRate: 30, stages: [.init(duration: .seconds(10), target: 60)]).split(into: 3)
        #expect(split.startRate == 10 && split.stages.first?.target == 20)
    }
}
