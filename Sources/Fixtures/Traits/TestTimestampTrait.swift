public import Testing

/// The fixed clock a test's creator-keys instances stamp on their events (`set_test_timestamp`).
public enum TestTimestamp {
    /// The seed's `DEFAULT_TEST_TIMESTAMP`.
    public static let `default`: Int64 = 1_700_000_000

    @TaskLocal static var bound: Int64?

    /// The timestamp bound by `.testTimestamp(_:)`; fails with a message naming the trait when
    /// it is missing (instances deployed without it use `default`).
    public static var current: Int64 {
        get throws {
            guard let bound else { throw FixtureError.traitMissing(resource: "TestTimestamp.current", trait: ".testTimestamp(_:)") }
            return bound
        }
    }

    /// The bound timestamp, or the default.
    static var effective: Int64 { bound ?? `default` }
}

/// `DEFAULT_TEST_TIMESTAMP` of the quote-test guide, for tests ported from it.
public let DEFAULT_TEST_TIMESTAMP: Int64 = TestTimestamp.default

/// Binds a fixed timestamp for the instances a test deploys. Works on a `@Test` or a `@Suite`.
public struct TestTimestampTrait: TestTrait, SuiteTrait, TestScoping {
    public let timestamp: Int64
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await TestTimestamp.$bound.withValue(timestamp) { try await function() }
    }
}

extension Trait where Self == TestTimestampTrait {
    /// Deploy creator-keys instances in this test with `set_test_timestamp(timestamp)`.
    public static func testTimestamp(_ timestamp: Int64) -> Self { TestTimestampTrait(timestamp: timestamp) }
}
