public import Foundation
public import Networks
import Synchronization

/// Runs a journey's steps in order for each round (seed 001's `TestRunner`), with named workers,
/// values in scopes, data seeded before round 1, and its state saved after every step so that
/// an interrupted run resumes where it stopped. Provided per test case by `.stepRunner(...)`:
///
/// ```swift
/// @Test(.stepRunner("Journeys/market/config.json"))
/// func market() async throws {
///     try await StepRunner.current.run(MarketSteps.all)
/// }
/// ```
public final class StepRunner: Sendable {
    @TaskLocal static var bound: StepRunner?

    /// This test case's runner; fails with a message naming the trait when it is missing.
    public static var current: StepRunner {
        get throws {
            guard let bound else { throw FixtureError.traitMissing(resource: "StepRunner.current", trait: ".stepRunner(\"config.json\")") }
            return bound
        }
    }

    /// The run's name: its state and keys are kept under it.
    public let name: String
    /// The config file's settings.
    public let configuration: StepsConfiguration
    /// The network the run seeds and its workers act on (unless a worker has its own `devnet_url`).
    public let connection: Connection
    /// `<LEDGERQA_HOME>/steps/<chain>-<genesis>/<run>/state.json`.
    public let stateFile: URL
    /// The step log of this process's part of the run.
    public var logFile: URL { log.url }
    let workersByName: [String: Worker]
    let data: DataFiles
    let accounts: [RunAccounts]
    let servers: [WorkerServer]
    let log: StepLog
    let mutable: Mutex<Mutable>

    struct Mutable {
        var state: RunnerState
        /// The step running now, for messages and to save its values only once it completed.
        var step: String?
        /// What the running step set, `scope.path` → value, in the order first set.
        var stepSets: [(key: String, value: JSON)] = []
        var ran = false
    }

    init(name: String, configuration: StepsConfiguration, connection: Connection, stateFile: URL, workers: [Worker], data: DataFiles,
        accounts: [RunAccounts], servers: [WorkerServer], log: StepLog, state: RunnerState)
    {
        self.name = name
        self.configuration = configuration
        self.connection = connection
        self.stateFile = stateFile
        workersByName = Dictionary(uniqueKeysWithValues: workers.map { ($0.name, $0) })
        self.data = data
        self.accounts = accounts
        self.servers = servers
        self.log = log
        mutable = Mutex(Mutable(state: state))
    }

    /// The workers of `workers.json`, by name.
    public var workers: [Worker] { workersByName.keys.sorted().compactMap { workersByName[$0] } }

    /// The worker `name`; fails naming the workers the file has.
    public func worker(_ name: String) throws -> Worker {
        guard let worker = workersByName[name] else {
            throw WorkerError(worker: name, problem: "is not in workers.json (it has \(workersByName.keys.sorted().joined(separator: ", ")))")
        }
        return worker
    }

    /// The current round, 1-based.
    public var round: Int { mutable.withLock { min($0.state.round, $0.state.rounds) } }
    /// The run's number of rounds (fixed when it started).
    public var rounds: Int { mutable.withLock { $0.state.rounds } }
    /// True once every round completed.
    public var isFinished: Bool { mutable.withLock { $0.state.finished } }

    // MARK: values

    /// Stores `value` at the dot path `path` (`post_urls.worker1`) in `scope` (seed 001's
    /// `runner.set`). Values set in a step are saved when the step completes.
    public func set(_ path: String, _ value: JSON, scope: StateScope = .round) throws {
        try mutable.withLock { m in
            do { try m.state.set(path, value, scope: scope) } catch { throw StepRunnerError.badSet(reason: "\(error)", step: m.step) }
            if m.step != nil {
                let key = "\(scope.rawValue).\(path)"
                if let i = m.stepSets.firstIndex(where: { $0.key == key }) { m.stepSets[i].value = value } else { m.stepSets.append((key, value)) }
            } else {
                try m.state.save(stateFile)
            }
        }
    }

    /// Stores an amount as SPEC's decimal string.
    public func set(_ path: String, amount: Int128, scope: StateScope = .round) throws { try set(path, Amount.wire(amount), scope: scope) }

    /// The value at `path`: in `scope`, or else in the round scope, the global scope and the config
    /// file. A missing value fails the step with the key and the step that asked.
    public func get(_ path: String, scope: StateScope? = nil) throws -> JSON {
        try mutable.withLock { m in
            if let value = m.state.value(path, scope: scope) { return value }
            if scope == nil, let value = configuration.value(path) { return value }
            throw StepRunnerError.missingKey(path, scope: scope, step: m.step, round: min(m.state.round, m.state.rounds))
        }
    }

    /// The string at `path`; a value of another type fails naming the key and the step.
    public func string(_ path: String, scope: StateScope? = nil) throws -> String {
        let value = try get(path, scope: scope)
        guard let s = value.stringValue else { throw typeError(path, "a string", value) }
        return s
    }

    /// The whole number at `path`; a value of another type fails naming the key and the step.
    public func int(_ path: String, scope: StateScope? = nil) throws -> Int64 {
        let value = try get(path, scope: scope)
        guard let i = value.intValue else { throw typeError(path, "a whole number", value) }
        return i
    }

    /// An amount stored with `set(_:amount:)` (a decimal string).
    public func amount(_ path: String, scope: StateScope? = nil) throws -> Int128 {
        let value = try get(path, scope: scope)
        guard let s = value.stringValue, let amount = try? Amount.parse(s) else { throw typeError(path, "an amount (decimal string)", value) }
        return amount
    }

    /// An amount, or `zero` when nothing was stored yet (totals that start empty).
    public func amount(_ path: String, scope: StateScope? = nil, default zero: Int128) throws -> Int128 {
        mutable.withLock { $0.state.value(path, scope: scope) } == nil ? zero : try amount(path, scope: scope)
    }

    private func typeError(_ path: String, _ expected: String, _ found: JSON) -> StepRunnerError {
        mutable.withLock { m in .wrongType(path, expected: expected, found: found.typeName, step: m.step, round: min(m.state.round, m.state.rounds)) }
    }

    // MARK: seeded data

    /// What seeding created (available once `run` started).
    public func seeded() throws -> SeededData {
        guard let json = mutable.withLock({ $0.state.seeded }) else { throw StepRunnerError.notSeeded("runner.seeded()") }
        return try SeededData(json: json)
    }

    /// The record of `rounds_collection` for the current round (round n gets record n).
    public func roundRecord() throws -> JSON {
        let records = try seeded().records(configuration.roundsCollection ?? "")
        guard records.indices.contains(round - 1) else { throw StepRunnerError.noRoundRecord(round: round, collection: configuration.roundsCollection) }
        return records[round - 1]
    }

    /// The creator-keys instance the `creators` collection was registered on.
    public func creatorKeys() throws -> CreatorKeys {
        guard let id = try seeded().creatorKeys else { throw StepRunnerError.notSeeded("the creator-keys instance (configure the creators collection)") }
        return CreatorKeys(id: id, chain: connection.chain)
    }

    /// Adds a line to the step log.
    public func note(_ text: String) {
        if let (round, step) = mutable.withLock({ m in m.step.map { (min(m.state.round, m.state.rounds), $0) } }) {
            log.write("NOTE", ["round": "\(round)", "step": step, "text": text])
        } else {
            log.write("NOTE", ["text": text])
        }
    }
}
