import Synchronization

/// What a client did to survive lost answers, for reports: every count only grows.
public struct ResilienceStats: Sendable, Equatable, CustomStringConvertible {
    /// Answers lost (closed connections, 5xx, unreadable bodies), reads and writes.
    public var faultsSeen = 0
    /// Requests sent again: reads retried, and writes re-sent after a lookup did not find them.
    public var retries = 0
    /// Lookups of a write whose answer was lost (by hash).
    public var lookups = 0
    /// Lookups that found the write included: each one a payment that a blind retry would have
    /// attempted twice.
    public var foundIncluded = 0

    public init() {}

    /// What happened after `earlier` was taken from the same counters.
    public func since(_ earlier: ResilienceStats) -> ResilienceStats {
        var d = ResilienceStats()
        d.faultsSeen = faultsSeen - earlier.faultsSeen
        d.retries = retries - earlier.retries
        d.lookups = lookups - earlier.lookups
        d.foundIncluded = foundIncluded - earlier.foundIncluded
        return d
    }

    public var description: String {
        "\(faultsSeen) lost answers, \(retries) retries, \(lookups) lookups (\(foundIncluded) found included)"
    }
}

/// Thread-safe counters behind `ResilienceStats`, shared by a client and its accounts.
public final class ResilienceCounters: Sendable {
    private let stats = Mutex(ResilienceStats())

    public init() {}

    /// The counts so far.
    public var snapshot: ResilienceStats { stats.withLock { $0 } }

    func record(_ change: (inout ResilienceStats) -> Void) { stats.withLock { change(&$0) } }
}
