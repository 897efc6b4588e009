import Synchronization

/// The one set of statistics a load case keeps while it runs: whole-run counts and latency
/// histograms per action, the same for the current reporting interval (live lines), and a
/// time series of buckets (reports, charts, thresholds). Users record into it from their
/// own tasks; everything is behind one lock, held for a few map updates per action.
///
/// Buckets are one second wide for the first hour of a run and ten seconds after that,
/// so a long run's series stays small (about 1.4 MB an hour after the first). The series
/// has no gaps: a second in which nothing happened is a bucket of zeros.
public final class RunStatistics: Sendable {
    /// When the run started acting; bucket times count from here.
    public let start: ContinuousClock.Instant
    private let state: Mutex<State>

    /// The most mismatches and failures kept in detail; beyond them only counts grow.
    static let detailLimit = 10_000

    struct State {
        var whole: [ActionName: ActionCounts] = [:]
        var wholeLatency: [ActionName: LatencyHistogram] = [:]
        var interval: [ActionName: ActionCounts] = [:]
        var intervalLatency = LatencyHistogram()
        var intervalStart: ContinuousClock.Instant
        var closed: [StatisticsBucket] = []
        var current: StatisticsBucket
        var dropped = 0
        var mismatches: [MismatchRecord] = []
        var mismatchCount = 0
        var failures: [FailureRecord] = []
        var failureCount = 0
        var actors: Set<String> = []
    }

    public init(start: ContinuousClock.Instant = .now) {
        self.start = start
        state = Mutex(State(intervalStart: start, current: StatisticsBucket(start: 0, width: Self.bucketWidth(at: 0))))
    }

    /// The width of the bucket that starts `second` seconds into the run.
    public static func bucketWidth(at second: Int) -> Int { second < 3600 ? 1 : 10 }

    /// The bucket start that covers `second`.
    static func bucketStart(for second: Int) -> Int { second < 3600 ? second : 3600 + (second - 3600) / 10 * 10 }

    func second(of instant: ContinuousClock.Instant) -> Int {
        let elapsed = instant - start
        return max(0, Int(elapsed.components.seconds))
    }

    // MARK: recording

    /// An action started at `instant`.
    public func started(_ action: ActionName, at instant: ContinuousClock.Instant = .now) {
        let second = second(of: instant)
        state.withLock { s in
            s.whole[action, default: ActionCounts()].started += 1
            s.interval[action, default: ActionCounts()].started += 1
            Self.bucket(&s, second) { $0.actions[action, default: ActionCounts()].started += 1 }
        }
    }

    /// An action that started at `start` ended at `end`, well or not, with its mismatches.
    public func finished(
        _ action: ActionName, user: String, started start: ContinuousClock.Instant, ended end: ContinuousClock.Instant = .now,
        succeeded: Bool, mismatches: [Mismatch] = [], error: String? = nil
    ) {
        let latency = end - start
        let second = second(of: end)
        var counts = ActionCounts()
        if succeeded { counts.succeeded = 1 } else { counts.failed = 1 }
        if !mismatches.isEmpty { counts.withMismatches = 1 }
        state.withLock { s in
            s.actors.insert(user)
            s.whole[action, default: ActionCounts()].add(counts)
            s.wholeLatency[action, default: LatencyHistogram()].record(latency)
            s.interval[action, default: ActionCounts()].add(counts)
            s.intervalLatency.record(latency)
            Self.bucket(&s, second) { b in
                b.actions[action, default: ActionCounts()].add(counts)
                b.open[action, default: LatencyHistogram()].record(latency)
            }
            for m in mismatches {
                s.mismatchCount += 1
                if s.mismatches.count < Self.detailLimit {
                    s.mismatches.append(MismatchRecord(user: user, action: action, second: second, mismatch: m))
                }
            }
            if let error {
                s.failureCount += 1
                if s.failures.count < Self.detailLimit { s.failures.append(FailureRecord(user: user, action: action, second: second, error: error)) }
            }
        }
    }

    /// An arrival-rate iteration found no idle user at `instant`.
    public func dropped(at instant: ContinuousClock.Instant = .now) {
        let second = second(of: instant)
        state.withLock { s in
            s.dropped += 1
            Self.bucket(&s, second) { $0.dropped += 1 }
        }
    }

    /// A problem outside any action (a state read that failed, a user that never started).
    public func failure(user: String, what: String, at instant: ContinuousClock.Instant = .now) {
        let second = second(of: instant)
        state.withLock { s in
            s.failureCount += 1
            if s.failures.count < Self.detailLimit {
                s.failures.append(FailureRecord(user: user, action: nil, second: second, error: what))
            }
        }
    }

    /// Runs `update` on the bucket covering `second`, closing the current one when time moved on.
    private static func bucket(_ s: inout State, _ second: Int, _ update: (inout StatisticsBucket) -> Void) {
        let start = bucketStart(for: second)
        if start == s.current.start { return update(&s.current) }
        if start > s.current.start {
            s.current.close()
            s.closed.append(s.current)
            // Seconds in which nothing happened are in the series too, as zeros.
            var next = s.current.start + s.current.width
            while next < start {
                s.closed.append(StatisticsBucket(start: next, width: bucketWidth(at: next)))
                next += bucketWidth(at: next)
            }
            s.current = StatisticsBucket(start: start, width: bucketWidth(at: start))
            return update(&s.current)
        }
        // A late record for a closed bucket (an action that started before the bucket
        // closed): counts still land where they belong; its latency joins the current one.
        if let i = s.closed.lastIndex(where: { $0.start == start }) {
            var late = s.closed[i]
            update(&late)
            for (name, h) in late.open { s.current.open[name, default: LatencyHistogram()].merge(h) }
            late.open = [:]
            s.closed[i] = late
        } else {
            update(&s.current)
        }
    }

    // MARK: reading

    /// What happened since the last call (or the start): the live line's "last interval".
    public func takeInterval(now: ContinuousClock.Instant = .now) -> IntervalFigures {
        state.withLock { s in
            let figures = IntervalFigures(
                seconds: max((now - s.intervalStart).seconds, 0.001), counts: s.interval.values.reduce(into: ActionCounts()) { $0.add($1) },
                latency: s.intervalLatency.summary)
            s.interval = [:]
            s.intervalLatency = LatencyHistogram()
            s.intervalStart = now
            return figures
        }
    }

    /// Whole-run counts per action.
    public var counts: [ActionName: ActionCounts] { state.withLock { $0.whole } }

    /// Whole-run counts over every action.
    public var total: ActionCounts { state.withLock { $0.whole.values.reduce(into: ActionCounts()) { $0.add($1) } } }

    /// Whole-run latencies per action.
    public var latencies: [ActionName: LatencyHistogram] { state.withLock { $0.wholeLatency } }

    /// Mismatches so far (all of them, though at most `detailLimit` in detail).
    public var mismatchCount: Int { state.withLock { $0.mismatchCount } }

    /// How many users ended at least one action.
    public var actingUsers: Int { state.withLock { $0.actors.count } }

    /// Arrival-rate iterations dropped so far.
    var snapshotDropped: Int { state.withLock { $0.dropped } }

    /// Everything recorded, with the current bucket closed into the series.
    func snapshot() -> StatisticsSnapshot {
        state.withLock { s in
            var current = s.current
            current.close()
            let series = s.closed + [current]
            return StatisticsSnapshot(counts: s.whole, latencies: s.wholeLatency, series: series, dropped: s.dropped,
                mismatches: s.mismatches, mismatchCount: s.mismatchCount, failures: s.failures, failureCount: s.failureCount)
        }
    }
}

/// The figures of one reporting interval.
public struct IntervalFigures: Sendable {
    public let seconds: Double
    public let counts: ActionCounts
    public let latency: LatencySummary

    /// Actions ended per second in the interval.
    public var rate: Double { Double(counts.finished) / seconds }
}

/// A copy of a run's statistics at one moment.
struct StatisticsSnapshot: Sendable {
    var counts: [ActionName: ActionCounts]
    var latencies: [ActionName: LatencyHistogram]
    var series: [StatisticsBucket]
    var dropped: Int
    var mismatches: [MismatchRecord]
    var mismatchCount: Int
    var failures: [FailureRecord]
    var failureCount: Int
}

/// A mismatch, with who saw it, in which action and when.
public struct MismatchRecord: Sendable, Equatable {
    public let user: String
    public let action: ActionName
    /// Seconds into the run.
    public let second: Int
    public let mismatch: Mismatch
}

/// An action that failed (or a problem outside any action, with no action), with its error.
public struct FailureRecord: Sendable, Equatable {
    public let user: String
    public let action: ActionName?
    public let second: Int
    public let error: String
}
