import Synchronization

/// What a running load case has been told by its operator or its thresholds: stop starting
/// actions (a first Ctrl-C, or an abort-on-fail threshold), and stop waiting (a second
/// Ctrl-C). The case's flows, executor, waits and collection all consult it.
public final class RunControl: Sendable {
    struct State {
        var stop: RunOutcome?
        var waitsAbandoned = false
    }

    private let state = Mutex(State())

    /// The control of the case the current task works for; waits (`Retry`) consult it.
    @TaskLocal static var current: RunControl?

    public init() {}

    /// Whether users must not start another action.
    public var isStopping: Bool { state.withLock { $0.stop != nil } }

    /// Whether waits for bots and timelocks must end at once (a second Ctrl-C).
    public var waitsAbandoned: Bool { state.withLock { $0.waitsAbandoned } }

    /// How the case ends: `completed` unless it was interrupted or aborted.
    public var outcome: RunOutcome { state.withLock { $0.stop ?? .completed } }

    /// The operator asked to stop (`signals` so far). An abort already decided stays the outcome.
    func interrupt(signals: Int) {
        state.withLock { s in
            switch s.stop {
            case nil, .interrupted: s.stop = .interrupted(signals: signals)
            case .completed, .aborted: break
            }
        }
    }

    /// An abort-on-fail threshold failed: stop starting actions, as a first Ctrl-C does.
    func abort(threshold: String) {
        state.withLock { s in if s.stop == nil { s.stop = .aborted(threshold: threshold) } }
    }

    /// A second Ctrl-C: every wait ends now, and collection takes only what it can at once.
    func abandonWaits() { state.withLock { $0.waitsAbandoned = true } }

    /// Sleeps until `deadline`, or less when the case is told to stop (checked every 100 ms).
    func sleep(until deadline: ContinuousClock.Instant) async {
        while !isStopping, !Task.isCancelled {
            let left = deadline - .now
            guard left > .zero else { return }
            try? await Task.sleep(for: min(left, .milliseconds(100)))
        }
    }
}

/// A wait that ended because the operator asked twice to stop (a second Ctrl-C).
public struct WaitAbandoned: Error, Sendable, CustomStringConvertible {
    public let waitingFor: String
    public var description: String { "stopped waiting for \(waitingFor): the run was interrupted twice" }
}
