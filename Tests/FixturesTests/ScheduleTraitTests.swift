@testable import Fixtures
import Networks
import Testing

/// The schedule and Kafka traits outside their scope, and with bad input: each failure says
/// what to add or change.
@Suite("Schedule and Kafka traits")
struct ScheduleTraitTests {
    @Test("ScheduleControl.current without .controlSchedules fails naming the trait")
    func controlWithoutTrait() {
        let error = #expect(throws: FixtureError.self) { try ScheduleControl.current }
        #expect(error?.description.contains(".controlSchedules([...])") == true, "\(String(describing: error))")
    }

    @Test("KafkaEventConsumer.current without .requiresKafka fails naming the trait")
    func kafkaWithoutTrait() {
        let error = #expect(throws: FixtureError.self) { try KafkaEventConsumer.current }
        #expect(error?.description.contains(".requiresKafka") == true, "\(String(describing: error))")
    }

    @Test("an unknown schedule name in .controlSchedules fails before the test runs, listing the names")
    func unknownScheduleName() async throws {
        let test = try #require(Test.current)
        let error = await #expect(throws: ScheduleControlError.self) {
            try await ControlSchedulesTrait(names: ["PAY_REDEMPTIONS", "EVERY_HOUR"]).prepare(for: test)
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("\"EVERY_HOUR\"") && message.contains("ACCRUE_POOL_REWARDS"), "\(message)")
        try await ControlSchedulesTrait(names: ScheduleName.allCases.map(\.rawValue)).prepare(for: test)
    }

    @Test("a wait only Kafka can answer says so when the test has no consumer")
    func kafkaOnlyWait() async throws {
        let error = await #expect(throws: KafkaRequired.self) {
            try await Waits.event("a Transfer to nobody", events: nil) { $0.type == "Transfer" }
        }
        #expect(error?.description.contains("a Transfer to nobody") == true && error?.description.contains(".requiresKafka") == true)
    }

    @Test("a tag suffix is 16 hex characters and differs between cases")
    func uniqueSuffix() {
        let suffixes = (0..<100).map { _ in ControlSchedulesTrait.uniqueSuffix() }
        #expect(Set(suffixes).count == 100 && suffixes.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
    }
}
