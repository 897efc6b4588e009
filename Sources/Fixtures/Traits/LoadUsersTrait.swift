public import Testing
import Foundation
import Synchronization

/// Provides n funded users with partners to every test case it covers (not shared between
/// cases), read with `LoadRun.current`, and collects their funds back to the funder
/// afterwards, also when the case fails or is cancelled. `LOAD_USERS` and `LOAD_DURATION`
/// override the count and duration given in code; see `LoadConfiguration` for the rest.
public struct LoadUsersTrait: TestTrait, SuiteTrait, TestScoping {
    public let count: Int
    /// How long users act; `nil` for `LoadConfiguration.defaultDuration`.
    public let duration: Duration?
    public var isRecursive: Bool { true }

    public init(count: Int, duration: Duration? = nil) {
        self.count = count
        self.duration = duration
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }  // the suite itself: cases provision their own
        let configuration = try await LoadConfiguration.current()
        let n = configuration.users ?? count
        let label = Self.label(test)
        let run = try await LoadRun.provision(count: n, label: label, configuration: configuration, duration: duration)
        var failure: (any Error)?
        do { try await LoadRun.$bound.withValue(run) { try await function() } } catch { failure = error }
        // Collection runs in its own task: a cancelled test must still return its users' funds.
        _ = await Task { await run.collectAll() }.value
        if let failure { throw failure }
    }

    private static let cases = Atomic<Int>(0)

    /// A file-name-safe label for the case: the test function's name and a case number.
    static func label(_ test: Test) -> String {
        let base = test.name.prefix(while: { $0 != "(" }).prefix(40)
        return "\(base)-\(cases.add(1, ordering: .relaxed).newValue)"
    }
}

extension Trait where Self == LoadUsersTrait {
    /// `n` funded users with partners per test case, acting for `duration` (30 s when nil);
    /// `LOAD_USERS` and `LOAD_DURATION` override both. Funds are collected afterwards.
    public static func loadUsers(_ n: Int, duration: Duration? = nil) -> Self { LoadUsersTrait(count: n, duration: duration) }
}
