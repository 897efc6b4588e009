public import Networks

/// One step of a journey (seed 001's `TestStep`): a unique name, what it does, the worker that
/// runs it, `prepare` (build and sign the payload) and `execute` (make the call, check, store
/// results with `runner.set`). Extra parameters go in by closure capture, as seed 001 uses
/// `functools.partial`:
///
/// ```swift
/// func buyKey(by worker: String, surplus: Int128) -> Step {
///     Step("\(worker)_buys", "\(worker) buys one key of the round's creator", worker: worker,
///          prepare: { runner, worker in ["creator": try runner.get("creator")] },
///          execute: { runner, worker, payload in /* send, check, runner.set(...) */ })
/// }
/// ```
public struct Step: Sendable {
    /// Builds the step's payload; the step log records it with secrets redacted.
    public typealias Prepare = @Sendable (StepRunner, Worker) async throws -> JSON
    /// Makes the call with the payload, checks the outcome and stores what later steps need.
    public typealias Execute = @Sendable (StepRunner, Worker, JSON) async throws -> Void
    /// Returns why the step does not apply this time (the run goes on), or `nil` to run it.
    public typealias SkipRule = @Sendable (StepRunner, Worker) async throws -> String?

    public let name: String
    public let description: String
    /// The name of the worker (from `workers.json`) that runs the step.
    public let worker: String
    public let skipRule: SkipRule?
    public let prepare: Prepare
    public let execute: Execute

    public init(
        _ name: String, _ description: String, worker: String, skipIf skipRule: SkipRule? = nil,
        prepare: @escaping Prepare = { _, _ in .null }, execute: @escaping Execute
    ) {
        self.name = name
        self.description = description
        self.worker = worker
        self.skipRule = skipRule
        self.prepare = prepare
        self.execute = execute
    }
}

/// Thrown from `prepare` or `execute` when the step turns out not to apply (seed 001's "steps
/// that don't always run", e.g. a 409): the step is recorded as skipped with the reason, and the
/// run goes on.
public struct StepSkipped: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "skipped: \(reason)" }
}
