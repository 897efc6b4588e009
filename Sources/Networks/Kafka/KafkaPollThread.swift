import Foundation
import Synchronization

/// A dedicated thread that calls `iteration` again and again until `stop()`.
///
/// librdkafka's poll calls block for their timeout, so they get a thread of their own rather
/// than a slot of the cooperative pool or of Dispatch's global queues.
package final class KafkaPollThread: Sendable {
    private let stopping = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread. `iteration` should return within a short poll timeout, so that
    /// `stop()` is not kept waiting.
    package init(name: String, iteration: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while !stopping.withLock({ $0 }) { iteration() }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Asks the thread to end and waits until it has; later calls return at once.
    package func stop() {
        let first = stopping.withLock { stopping in
            defer { stopping = true }
            return !stopping
        }
        if first { finished.wait() }
    }
}
