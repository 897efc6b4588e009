import Synchronization

/// Collects the steps of one load case (or one replay) as users finish actions; the engine
/// finds it through `ReplayRecorder.current`.
final class ReplayRecorder: Sendable {
    @TaskLocal static var current: ReplayRecorder?

    let start: ContinuousClock.Instant
    private let steps = Mutex<[ReplayStep]>([])

    init(start: ContinuousClock.Instant) { self.start = start }

    func record(_ step: ReplayStep) { steps.withLock { $0.append(step) } }

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
