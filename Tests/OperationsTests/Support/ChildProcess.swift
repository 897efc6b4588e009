import Fixtures
import Foundation
import Synchronization
import Testing

/// A real child process whose output (stdout and stderr together) the test reads as it
/// arrives, waiting for what it expects instead of sleeping; every wait is bounded.
final class ChildProcess: Sendable {
    let process: Process
    let name: String

    private struct State {
        var text = ""
        var ended = false
        var waiters: [Int: (condition: @Sendable (String, Bool) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = [:]
        var next = 0
    }

    private let state = Mutex(State())

    init(_ executable: URL, _ arguments: [String], environment: [String: String], name: String) throws {
        self.name = name
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let reader = pipe.fileHandleForReading
        reader.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty else { return }
            self?.update { $0.text += String(decoding: data, as: UTF8.self) }
        }
        process.terminationHandler = { [weak self] _ in
            reader.readabilityHandler = nil
            let rest = (try? reader.readToEnd()) ?? Data()
            self?.update { s in
                s.text += String(decoding: rest, as: UTF8.self)
                s.ended = true
            }
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var text: String { state.withLock { $0.text } }

    /// Applies `change` and wakes every waiter whose condition now holds (or that can no
    /// longer be met because the process ended).
    private func update(_ change: (inout State) -> Void) {
        let ready = state.withLock { s -> [(CheckedContinuation<Bool, Never>, Bool)] in
            change(&s)
            var ready: [(CheckedContinuation<Bool, Never>, Bool)] = []
            for (id, w) in s.waiters {
                let met = w.condition(s.text, s.ended)
                if met || s.ended {
                    ready.append((w.continuation, met))
                    s.waiters[id] = nil
                }
            }
            return ready
        }
        for (c, met) in ready { c.resume(returning: met) }
    }

    /// Suspends until `condition(output, ended)` holds or `timeout` passes; true when it held.
    private func wait(timeout: Duration, _ condition: @escaping @Sendable (String, Bool) -> Bool) async -> Bool {
        let id = state.withLock { s in
            s.next += 1
            return s.next
        }
        let deadline = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.cancelWait(id)
        }
        defer { deadline.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
                let now = state.withLock { s -> Bool? in
                    if condition(s.text, s.ended) { return true }
                    if s.ended { return false }
                    s.waiters[id] = (condition, c)
                    return nil
                }
                if let now { c.resume(returning: now) }
            }
        } onCancel: { self.cancelWait(id) }
    }

    private func cancelWait(_ id: Int) {
        let waiter = state.withLock { s in s.waiters.removeValue(forKey: id) }
        waiter?.continuation.resume(returning: false)
    }

    private func tail(_ lines: Int = 30) -> String { text.split(separator: "\n").suffix(lines).joined(separator: "\n") }

    /// Waits until the output contains `pattern`; fails the test naming it and showing the
    /// output's tail when `timeout` passes or the process ends first.
    func waitFor(_ pattern: String, timeout: Duration, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitFor(pattern, timeout: timeout, sourceLocation: sourceLocation) { $0.contains(pattern) }
    }

    /// Waits until a live statistics line `<prefix>[<label>] <s>/<duration> s` says at least
    /// `second` (a starved process may skip seconds, so no exact line is waited for).
    func waitFor(second: Int, of duration: Int, label: String, prefix: String = "", timeout: Duration,
        sourceLocation: SourceLocation = #_sourceLocation) async throws
    {
        let marker = "\(prefix)[\(label)] ", unit = "/\(duration) s"
        try await waitFor("\(marker)<at least \(second)>\(unit)", timeout: timeout, sourceLocation: sourceLocation) { text in
            text.split(separator: "\n").contains { line in
                guard let start = line.range(of: marker), let end = line[start.upperBound...].range(of: unit) else { return false }
                return Int(line[start.upperBound..<end.lowerBound]).map { $0 >= second } ?? false
            }
        }
    }

    /// Waits until `condition` holds for the output (`description` names it in the failure).
    func waitFor(_ description: String, timeout: Duration, sourceLocation: SourceLocation = #_sourceLocation,
        until condition: @escaping @Sendable (String) -> Bool) async throws
    {
        guard await wait(timeout: timeout, { text, _ in condition(text) }) else {
            let message = "\(name) (pid \(pid)) did not print \"\(description)\" within \(timeout)\(process.isRunning ? "" : "; it ended"). "
                + "Its last output:\n\(tail())"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            throw ChildWaitFailed()
        }
    }

    /// Waits for the process to end (bounded; it is killed when the bound passes) and returns
    /// its exit status and whether a signal ended it.
    func waitForExit(timeout: Duration, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (status: Int32, signalled: Bool) {
        guard await wait(timeout: timeout, { _, ended in ended }) else {
            kill(pid, SIGKILL)
            Issue.record("\(name) (pid \(pid)) did not end within \(timeout); it was killed. Its last output:\n\(tail())",
                sourceLocation: sourceLocation)
            throw ChildWaitFailed()
        }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    func signal(_ number: Int32) { kill(pid, number) }
}

/// A wait on a child ended without what it waited for (the recorded issue says what).
struct ChildWaitFailed: Error {}
