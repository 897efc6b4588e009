import Fixtures
import Synchronization
import Testing

/// The one retry primitive: attempts, back-off, timeouts and the messages a timed-out wait
/// gives. Pauses are recorded instead of slept, so these tests take no time.
@Suite("Retry")
struct RetryTests {
    /// Records each pause a wait asks for, and returns at once.
    final class Pauses: Sendable {
        private let list = Mutex<[Duration]>([])
        var recorded: [Duration] { list.withLock { $0 } }
        var pause: @Sendable (Duration) async throws -> Void { { d in self.list.withLock { $0.append(d) } } }
    }

    /// Counts attempts and answers from a script.
    final class Script: Sendable {
        private let state = Mutex<Int>(0)
        let answers: @Sendable (Int) throws -> Int
        init(_ answers: @escaping @Sendable (Int) throws -> Int) { self.answers = answers }
        var attempts: Int { state.withLock { $0 } }
        func next() throws -> Int { try answers(state.withLock { $0 += 1; return $0 }) }
    }

    struct Flaky: Error, CustomStringConvertible { var description: String { "node unreachable" } }

    @Test("returns the first value that satisfies the condition, after as many attempts as it took")
    func returnsFirstSatisfying() async throws {
        let script = Script { $0 * 10 }
        let pauses = Pauses()
        let value = try await Retry(timeout: .seconds(60)).run("ten times three", pause: pauses.pause,
            attempt: { try script.next() }, until: { $0 >= 30 })
        #expect(value == 30 && script.attempts == 3 && pauses.recorded.count == 2)
    }

    @Test("the pause grows by the back-off factor up to the maximum interval")
    func backoff() async throws {
        let pauses = Pauses()
        let retry = Retry(timeout: .seconds(600), interval: .milliseconds(100), backoff: 2, maxInterval: .seconds(1), maxAttempts: 6)
        let error = await #expect(throws: WaitTimeout.self) {
            try await retry.run("never", pause: pauses.pause, attempt: { 0 }, until: { $0 == 1 })
        }
        #expect(pauses.recorded == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1)])
        #expect(error?.attempts == 6)
    }

    @Test("max attempts ends the wait with a message naming what was awaited and the last value")
    func maxAttemptsMessage() async throws {
        let script = Script { $0 }
        let error = await #expect(throws: WaitTimeout.self) {
            try await Retry(timeout: .seconds(600), maxAttempts: 3).run("the counter to reach 9", pause: Pauses().pause,
                attempt: { try script.next() }, until: { $0 == 9 })
        }
        let message = error?.description ?? ""
        #expect(message.contains("3 attempts") && message.contains("waiting for the counter to reach 9") && message.contains("last seen: 3"),
            "\(message)")
    }

    @Test("a zero timeout makes one attempt and reports how long it waited")
    func timeout() async throws {
        let script = Script { _ in 1 }
        let error = await #expect(throws: WaitTimeout.self) {
            try await Retry(timeout: .zero).run("two", attempt: { try script.next() }, until: { $0 == 2 })
        }
        #expect(script.attempts == 1)
        let message = error?.description ?? ""
        #expect(message.hasPrefix("timed out after ") && message.contains(" s and 1 attempts waiting for two; last seen: 1"), "\(message)")
    }

    @Test("a failing attempt counts as an attempt and the last error is what the timeout reports")
    func errorsAreAttempts() async throws {
        let script = Script { n in if n < 3 { throw Flaky() }; return n }
        let value = try await Retry(timeout: .seconds(600), maxAttempts: 5).run("a reachable node", pause: Pauses().pause,
            attempt: { try script.next() }, until: { $0 == 3 })
        #expect(value == 3)
        let error = await #expect(throws: WaitTimeout.self) {
            try await Retry(timeout: .seconds(600), maxAttempts: 2).run("a reachable node", pause: Pauses().pause, attempt: { () throws -> Int in throw Flaky() },
                until: { _ in true })
        }
        #expect(error?.lastSeen == "error: node unreachable")
    }

    @Test("waiting for an expected value names it in the timeout")
    func expectedValue() async throws {
        let script = Script { $0 }
        #expect(try await Retry(timeout: .seconds(600), maxAttempts: 5).run("the counter", expecting: 4, pause: Pauses().pause, attempt: { try script.next() }) == 4)
        let error = await #expect(throws: WaitTimeout.self) {
            try await Retry(timeout: .seconds(600), maxAttempts: 2).run("the balance", expecting: 7, pause: Pauses().pause, attempt: { 5 })
        }
        #expect(error?.description.contains("waiting for the balance to be 7; last seen: 5") == true, "\(String(describing: error))")
    }

    @Test("cancellation ends a wait at once instead of counting as a failed attempt")
    func cancellation() async throws {
        let task = Task {
            try await Retry(timeout: .seconds(600)).run("forever", pause: { _ in throw CancellationError() }, attempt: { 0 },
                until: { $0 == 1 })
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
