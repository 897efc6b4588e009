import Synchronization

/// What the HTTP front does with one request when faults are on.
public struct FaultDecision: Sendable, Equatable {
    public enum Before: Sendable, Equatable {
        /// Execute the request.
        case execute
        /// Answer with this HTTP status (502 or 503) without executing.
        case status(Int)
        /// Close the connection without executing.
        case close
    }

    /// How a dropped answer is lost.
    public enum Drop: Sendable, Equatable {
        case closeConnection
        case emptyServerError
    }

    /// Added before the answer.
    public var delay: Duration = .zero
    public var before: Before = .execute
    /// Set when the answer is to be lost if the request included a transaction.
    public var dropIfIncluded: Drop? = nil
}

/// Counts of the faults the devnet injected, for the harness's own reports.
public struct FaultCounts: Sendable, Equatable, CustomStringConvertible {
    /// `/rpc` requests seen while faults were on.
    public var requests = 0
    public var delayed = 0
    public var badGateway = 0
    public var unavailable = 0
    public var closed = 0
    /// Answers lost after the request included a transaction.
    public var droppedAfterInclude = 0

    public var injected: Int { badGateway + unavailable + closed + droppedAfterInclude }

    public var description: String {
        "\(requests) requests: \(delayed) delayed, \(badGateway) × 502, \(unavailable) × 503, \(closed) closed, \(droppedAfterInclude) dropped after inclusion"
    }
}

/// The HTTP fault switch: the current faults, a generator seeded from them, and counts.
/// Shared by the node's HTTP front and in-process transport; thread-safe.
public final class FaultInjector: Sendable {
    private struct State {
        var faults: HTTPFaults
        var random: SplitMix64
        var counts = FaultCounts()
    }

    private let state: Mutex<State>

    init(_ faults: HTTPFaults) {
        state = Mutex(State(faults: faults, random: SplitMix64(seed: faults.seed)))
    }

    /// The faults in force.
    public var faults: HTTPFaults { state.withLock { $0.faults } }

    /// What has been injected so far.
    public var counts: FaultCounts { state.withLock { $0.counts } }

    /// Switches to `faults`, reseeding the generator (counts are kept).
    public func set(_ faults: HTTPFaults) {
        state.withLock {
            $0.faults = faults
            $0.random = SplitMix64(seed: faults.seed)
        }
    }

    /// Draws the fate of one request. Every request draws the same number of values, so a
    /// sequential client sees the same faults on every run with the same seed.
    public func decide() -> FaultDecision {
        state.withLock { s in
            guard s.faults.isActive else { return FaultDecision() }
            let f = s.faults
            let (jitterDraw, beforeDraw, dropDraw, dropKind) = (s.random.unit(), s.random.unit(), s.random.unit(), s.random.unit())
            var d = FaultDecision()
            d.delay = f.latency + f.jitter * jitterDraw
            s.counts.requests += 1
            if d.delay > .zero { s.counts.delayed += 1 }
            if beforeDraw < f.badGateway {
                d.before = .status(502)
                s.counts.badGateway += 1
            } else if beforeDraw < f.badGateway + f.unavailable {
                d.before = .status(503)
                s.counts.unavailable += 1
            } else if beforeDraw < f.badGateway + f.unavailable + f.close {
                d.before = .close
                s.counts.closed += 1
            } else if dropDraw < f.dropAfterInclude {
                d.dropIfIncluded = dropKind < 0.5 ? .closeConnection : .emptyServerError
            }
            return d
        }
    }

    /// Records that an answer was dropped after its request included a transaction.
    func recordDrop() { state.withLock { $0.counts.droppedAfterInclude += 1 } }
}
