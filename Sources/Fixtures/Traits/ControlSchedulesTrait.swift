public import Testing
public import Networks
import Foundation

/// Gives every test case it covers one fresh schedule tag per named schedule (unique ids,
/// paused at the epoch), bound through `ScheduleControl.current` to the resources the case
/// creates, and releases them afterwards, also when the case fails. Not shared between cases.
public struct ControlSchedulesTrait: TestTrait, SuiteTrait, TestScoping {
    /// The schedule names as written in the trait.
    public let names: [String]
    public var isRecursive: Bool { true }

    /// The names as schedules; a name SPEC 7 does not know fails the test before it runs.
    func schedules() throws -> [ScheduleName] {
        try names.map { name in
            guard let schedule = ScheduleName(rawValue: name) else { throw ScheduleControlError.unknownSchedule(name) }
            return schedule
        }
    }

    /// Fails on an unknown schedule name; skips the test when the admin key is unknown.
    public func prepare(for test: Test) async throws {
        _ = try schedules()
        try await RequiresNetworkTrait(need: .adminKey).prepare(for: test)
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }  // the suite itself: cases provision their own
        let connection = try await Network.shared.connection()
        let admin = try await Network.shared.fundedAdmin()
        let suffix = Self.uniqueSuffix()
        let tags = Dictionary(uniqueKeysWithValues: try schedules().map { ($0, "\($0.rawValue.lowercased())-\(suffix)") })
        // The consumer starts before any tag exists, so it sees every job of this case.
        // A broker that went down since the probe leaves the case without a consumer: it polls.
        let bound = KafkaEvents.bound
        if bound == nil { _ = try await Network.shared.kafka() }  // a malformed environment still fails the case
        let events = if let bound { bound } else { try? await Network.shared.eventConsumer() }
        let control = ScheduleControl(tags: tags, connection: connection, admin: admin, events: events)
        for tag in tags.values.sorted() { try await control.sendAdmin(control.schedules.createTag(tag)) }
        var failure: (any Error)?
        do {
            try await ScheduleControl.$bound.withValue(control) {
                try await KafkaEvents.$bound.withValue(events) { try await function() }
            }
        } catch { failure = error }
        // Released in a task of its own so a cancelled case still leaves its tags paused.
        _ = await Task { await control.release() }.value
        if bound == nil { events?.close() }
        if let failure { throw failure }
    }

    /// 16 hex characters: unique across cases, processes and machines sharing one network.
    static func uniqueSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16).leftPadded(to: 16)
    }
}

extension ScheduleControl {
    /// Puts every tag back to paused at the epoch with no fast-forward, so the case's resources
    /// run no more jobs on a shared network. Best effort: a failure here must not hide the test's.
    func release() async {
        for tag in tags.values.sorted() {
            _ = try? await sendAdmin(schedules.updateTag(tag, pauseAt: .set(0), fastForwardUntil: .unset))
        }
    }
}

extension Trait where Self == ControlSchedulesTrait {
    /// Fresh tags, paused at the epoch, for the named schedules of the resources each test case
    /// creates through `ScheduleControl.current`; e.g. `.controlSchedules(["ACCRUE_POOL_REWARDS"])`.
    public static func controlSchedules(_ names: [String]) -> Self { ControlSchedulesTrait(names: names) }

    public static func controlSchedules(_ names: [ScheduleName]) -> Self { ControlSchedulesTrait(names: names.map(\.rawValue)) }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
