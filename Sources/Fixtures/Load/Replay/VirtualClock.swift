import Foundation
import Synchronization

/// A private devnet's clock: this machine's time plus an offset that only grows. A replay moves
/// it forward to each action's recorded start, so a timelock or deadline that passed in the
/// recording passes at once instead of after a real wait.
public final class VirtualClock: Sendable {
    private let offset = Mutex<Double>(0)

    public init() {}

    /// Seconds since 1970 on this clock.
    public func now() -> Double { Date().timeIntervalSince1970 + offset.withLock { $0 } }

    /// A moment from now on whose fraction of a second is that of `recorded` (when given): the
    /// replay's block times then round to whole seconds as the recording's did.
    public func origin(alignedWith recorded: Double?) -> Double {
        let now = now()
        guard let recorded else { return now }
        let fraction = recorded - recorded.rounded(.down)
        let aligned = now.rounded(.down) + fraction
        return aligned >= now ? aligned : aligned + 1
    }

    /// Moves the clock forward so that it reads at least `time` (it never goes back).
    public func advance(toAtLeast time: Double) {
        offset.withLock { o in
            let now = Date().timeIntervalSince1970 + o
            if time > now { o += time - now }
        }
    }
}
