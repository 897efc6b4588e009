import Synchronization

/// One attempt of a wait, raced against its deadline. An attempt that outlives the deadline
/// is cancelled and abandoned (a transport that ignores cancellation finishes on its own),
/// so the wait ends on time even when a request hangs.
enum AttemptDeadline {
    /// The attempt did not finish within its time.
    struct Expired: Error, CustomStringConvertible {
        let after: Duration
        var description: String { "the attempt got no answer within \(after.seconds.rounded(to: 2)) s" }
    }

    static func run<T: Sendable>(
        within limit: Duration, clock: ContinuousClock, _ attempt: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = Once<T>()
        let work = Task {
            do { outcome.resolve(.success(try await attempt())) } catch { outcome.resolve(.failure(error)) }
        }
        let timer = Task {
            guard (try? await clock.sleep(for: limit)) != nil else { return }
            if outcome.resolve(.failure(Expired(after: limit))) { work.cancel() }
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await outcome.value()
        } onCancel: {
            if outcome.resolve(.failure(CancellationError())) { work.cancel() }
        }
    }

    /// The first result wins; later ones are dropped.
    final class Once<T: Sendable>: Sendable {
        private struct State {
            var result: Result<T, any Error>?
            var waiter: CheckedContinuation<T, any Error>?
        }

        private let state = Mutex(State())

        /// Stores `result` if none arrived before; true when it was the first.
        @discardableResult
        func resolve(_ result: Result<T, any Error>) -> Bool {
            let (first, waiter) = state.withLock { s -> (Bool, CheckedContinuation<T, any Error>?) in
                guard s.result == nil else { return (false, nil) }
                s.result = result
                defer { s.waiter = nil }
                return (true, s.waiter)
            }
            waiter?.resume(with: result)
            return first
        }

        func value() async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { s -> Result<T, any Error>? in
                    if let result = s.result { return result }
                    s.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }
}
