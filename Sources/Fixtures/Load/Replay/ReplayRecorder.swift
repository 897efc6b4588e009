import Synchronization

/// Collects the steps of one load case (or one replay) as users finish actions; the engine
/// finds it through `ReplayRecorder.current`.
final class ReplayRecorder: Sendable {
    @TaskLocal static var current: ReplayRecorder?

    let start: ContinuousClock.Instant
    /// The most steps kept: a long run would otherwise hold every action it made in memory.
    let limit: Int
    private let steps = Mutex<[ReplayStep]>([])
    private let omittedCount = Atomic<Int>(0)

    init(start: ContinuousClock.Instant, limit: Int = .max) {
        self.start = start
        self.limit = limit
    }

    /// Keeps `step`, or only counts it once `limit` steps are kept.
    func record(_ step: ReplayStep) {
        let kept = steps.withLock { steps in
            guard steps.count < limit else { return false }
            steps.append(step)
            return true
        }
        if !kept { omittedCount.add(1, ordering: .relaxed) }
    }

    /// How many steps ended after `limit` were kept, and were not recorded.
    var omitted: Int { omittedCount.load(ordering: .relaxed) }

    /// The step recorded last.
    var last: ReplayStep? { steps.withLock { $0.last } }

    func seconds(_ instant: ContinuousClock.Instant) -> Double { (instant - start).seconds }

    /// The steps in global start order, numbered from 0.
    var ordered: [ReplayStep] {
        steps.withLock { $0 }.sorted { ($0.start, $0.user) < ($1.start, $1.user) }.enumerated().map { n, step in
            var s = step
            s.order = n
            return s
        }
    }
}
