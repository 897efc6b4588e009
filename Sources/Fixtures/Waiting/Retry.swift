/// The one retry primitive every wait is built on (DESIGN "Waiting"): polls `attempt`
/// until it returns a value that satisfies `until`, with an interval that grows by
/// `backoff` up to `maxInterval`, within `timeout` and `maxAttempts`.
///
/// Every wait is bounded: an attempt still running when the time is up is abandoned (it gets
/// at least `minimumAttemptTime`), and attempts are at least `minimumSpacing` apart even when
/// an event-driven pause returns at once, so a flood of events or a closed stream cannot turn
/// a wait into a busy loop.
public struct Retry: Sendable {
    public var timeout: Duration
    public var interval: Duration
    public var backoff: Double
    public var maxInterval: Duration
    public var maxAttempts: Int?
    /// The least time between the starts of two attempts.
    public var minimumSpacing: Duration = .milliseconds(20)
    /// The least time one attempt gets, also when the timeout has (nearly) passed.
    public var minimumAttemptTime: Duration = .seconds(5)

    public init(timeout: Duration = .seconds(30), interval: Duration = .milliseconds(100), backoff: Double = 1.5,
        maxInterval: Duration = .seconds(2), maxAttempts: Int? = nil)
    {
        self.timeout = timeout
        self.interval = interval
        self.backoff = backoff
        self.maxInterval = maxInterval
        self.maxAttempts = maxAttempts
    }

    /// Polls until `until(value)` holds and returns that value; throws `WaitTimeout` naming
    /// `description`, the last value seen and how long it waited. Errors of `attempt` count
    /// as a failed attempt (the last one is reported) so a flaky read does not end the wait.
    ///
    /// `pause` replaces the sleep between attempts: an event-driven wait passes one that returns
    /// as soon as a new event arrives (or the interval ends), so it re-checks without polling.
    public func run<T: Sendable>(
        _ description: String, clock: ContinuousClock = ContinuousClock(),
        pause: (@Sendable (Duration) async throws -> Void)? = nil,
        attempt: @escaping @Sendable () async throws -> T, until: @Sendable (T) -> Bool
    ) async throws -> T {
        let start = clock.now
        var wait = interval
        var attempts = 0
        var last = "nothing yet"
        while true {
            attempts += 1
            let attemptStart = clock.now
            let allowed = max(timeout - (attemptStart - start), minimumAttemptTime)
            do {
                let value = try await AttemptDeadline.run(within: allowed, clock: clock, attempt)
                if until(value) { return value }
                last = "\(value)"
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                last = "error: \(error)"
            }
            let elapsed = clock.now - start
            // A load run interrupted twice ends its waits at once (its user's action then fails).
            if RunControl.current?.waitsAbandoned == true { throw WaitAbandoned(waitingFor: description) }
            if elapsed >= timeout || maxAttempts.map({ attempts >= $0 }) == true {
                throw WaitTimeout(description: description, lastSeen: last, waited: elapsed, attempts: attempts)
            }
            let pauseFor = min(wait, timeout - elapsed)
            if let pause { try await pause(pauseFor) } else { try await Task.sleep(for: pauseFor) }
            let spacing = clock.now - attemptStart
            if spacing < minimumSpacing { try await Task.sleep(for: minimumSpacing - spacing) }
            wait = min(wait * backoff, maxInterval)
        }
    }

    /// Polls until `attempt` returns `expected`; a timeout names the expected and the last value.
    public func run<T: Sendable & Equatable>(
        _ description: String, expecting expected: T, clock: ContinuousClock = ContinuousClock(),
        pause: (@Sendable (Duration) async throws -> Void)? = nil, attempt: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await run("\(description) to be \(expected)", clock: clock, pause: pause, attempt: attempt, until: { $0 == expected })
    }
}

/// A wait that ended without its condition: what was awaited, the last value seen, for how long.
public struct WaitTimeout: Error, Sendable, CustomStringConvertible {
    public let description: String
    public let lastSeen: String
    public let waited: Duration
    public let attempts: Int

    public init(description: String, lastSeen: String, waited: Duration, attempts: Int) {
        self.description = "timed out after \(waited.seconds.rounded(to: 2)) s and \(attempts) attempts "
            + "waiting for \(description); last seen: \(lastSeen)"
        self.lastSeen = lastSeen
        self.waited = waited
        self.attempts = attempts
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Double {
    func rounded(to places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
