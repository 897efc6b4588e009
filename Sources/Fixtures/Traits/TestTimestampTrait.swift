public import Testing

/// The fixed clock a test's creator-keys instances stamp on their events (`set_test_timestamp`).
public enum TestTimestamp {
    /// The seed's `DEFAULT_TEST_TIMESTAMP`.
    public static let `default`: Int64 = 1_700_000_000

    /// The timestamp bound by `.testTimestamp(_:)`, if any.
    @TaskLocal public static var current: Int64?

    /// The bound timestamp, or the default.
    public static var effective: Int64 { current ?? `default` }
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
        try await TestTimestamp.$current.withValue(timestamp) { try await function() }
    }
}

extension Trait where Self == TestTimestampTrait {
    /// Deploy creator-keys instances in this test with `set_test_timestamp(timestamp)`.
    public static func testTimestamp(_ timestamp: Int64) -> Self { TestTimestampTrait(timestamp: timestamp) }
}
