/// How often one action (or every action) started and ended, over some span of a run.
public struct ActionCounts: Sendable, Equatable, Codable {
    public var started = 0
    public var succeeded = 0
    public var failed = 0
    /// Actions that ended with at least one state mismatch (counted as well as succeeded/failed).
    public var withMismatches = 0

    public init(started: Int = 0, succeeded: Int = 0, failed: Int = 0, withMismatches: Int = 0) {
        self.started = started
        self.succeeded = succeeded
        self.failed = failed
        self.withMismatches = withMismatches
    }

    /// Actions that ended, well or not.
    public var finished: Int { succeeded + failed }

    /// Share of ended actions that succeeded, from 0 to 1 (1 when none ended).
    public var successRate: Double { finished == 0 ? 1 : Double(succeeded) / Double(finished) }

    mutating func add(_ other: ActionCounts) {
        started += other.started
        succeeded += other.succeeded
        failed += other.failed
        withMismatches += other.withMismatches
    }
}
