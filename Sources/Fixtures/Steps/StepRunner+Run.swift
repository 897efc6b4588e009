import Foundation
import Networks

extension StepRunner {
    /// Called once seeding created the run's data, before round 1 (seed 001's
    /// `post_load_callback`); what it sets with `runner.set` is saved with the seeded data.
    public typealias PostLoad = @Sendable (StepRunner, SeededData) async throws -> Void

    /// Runs `steps` in order for each round. Seeds the data first unless this run already did;
    /// skips the steps of the current round that already completed (a resumed run) and goes on
    /// from the first one that did not. A failing step stops the run with `StepFailure`, which
    /// names the round, the step, the worker and the error; its state is saved, so running the
    /// test again resumes at that step.
    public func run(_ steps: [Step], postLoad: PostLoad? = nil) async throws {
        try validate(steps)
        let start = ContinuousClock.now
        let (state, first) = mutable.withLock { m in
            defer { m.ran = true }
            return (m.state, !m.ran)
        }
        guard first, !state.finished else { throw StepRunnerError.alreadyFinished(run: name) }
        if state.round > 1 || !state.steps.isEmpty {
            log.write("RUN_RESUMED", ["round": "\(state.round)", "completed": state.steps.keys.sorted().joined(separator: ",")])
        } else {
            log.write("RUN_START", ["run": name, "rounds": "\(state.rounds)", "steps": steps.map(\.name).joined(separator: ",")])
        }
        try await seedIfNeeded(postLoad)
        while let round = mutable.withLock({ $0.state.round <= $0.state.rounds ? $0.state.round : nil }) {
            for step in steps {
                if let outcome = mutable.withLock({ $0.state.steps[step.name] }) {
                    log.write("STEP_ALREADY_DONE", ["round": "\(round)", "step": step.name, "outcome": outcome])
                    continue
                }
                try await perform(step, round: round)
            }
            try mutable.withLock { m in
                m.state.round += 1
                m.state.steps = [:]
                if m.state.round > m.state.rounds { m.state.finished = true }
                try m.state.save(stateFile)
            }
            log.write("ROUND_DONE", ["round": "\(round)"])
        }
        log.write("RUN_DONE", ["run": name, "ms": "\(Self.milliseconds(since: start))"])
    }

    func validate(_ steps: [Step]) throws {
        var names: Set<String> = []
        for step in steps {
            guard names.insert(step.name).inserted else { throw StepRunnerError.duplicateStep(step.name) }
            guard workersByName[step.worker] != nil else {
                throw StepRunnerError.unknownWorker(step: step.name, worker: step.worker, known: workersByName.keys.sorted())
            }
        }
        for done in mutable.withLock({ $0.state.steps.keys.sorted() }) where !names.contains(done) {
            throw StepRunnerError.unknownCompletedStep(done, stateFile: stateFile.path)
        }
    }

    func seedIfNeeded(_ postLoad: PostLoad?) async throws {
        guard mutable.withLock({ $0.state.seeded == nil }) else {
            log.write("SEEDED_ALREADY", ["state": stateFile.path])
            return
        }
        let start = ContinuousClock.now
        let seeded = try await DataSeeding(data: data, config: configuration, connection: connection, accounts: accounts[0]).seed()
        let before = mutable.withLock { m in
            let before = m.state
            m.state.seeded = seeded.json
            m.step = "post-load"
            return before
        }
        defer { mutable.withLock { $0.step = nil } }
        do {
            if let postLoad { try await postLoad(self, seeded) }
        } catch {
            mutable.withLock { $0.state = before }  // not marked seeded: a rerun seeds again
            log.write("POST_LOAD_FAILED", ["error": "\"\(error)\""])
            throw error
        }
        try mutable.withLock { m in
            m.stepSets = []
            try m.state.save(stateFile)
        }
        log.write("SEEDED", ["creators": "\(seeded.creators.count)", "accounts": "\(seeded.accounts.count)", "agents": "\(seeded.agents.count)",
            "creator_keys": seeded.creatorKeys ?? "-", "ms": "\(Self.milliseconds(since: start))"])
    }

    /// Runs one step; its outcome and the values it set are saved together, atomically.
    func perform(_ step: Step, round: Int) async throws {
        let worker = try self.worker(step.worker)
        let before = mutable.withLock { m in
            m.step = step.name
            m.stepSets = []
            return m.state
        }
        defer { mutable.withLock { $0.step = nil } }
        let start = ContinuousClock.now
        log.write("STEP_START", ["round": "\(round)", "step": step.name, "worker": worker.name, "description": "\"\(step.description)\""])
        do {
            if let rule = step.skipRule, let reason = try await rule(self, worker) { throw StepSkipped(reason) }
            let payload = try await step.prepare(self, worker)
            log.write("STEP_PREPARED", ["round": "\(round)", "step": step.name, "payload": log.show(payload)])
            try await step.execute(self, worker, payload)
            let sets = try complete(step, outcome: "done")
            log.write("STEP_DONE", ["round": "\(round)", "step": step.name, "ms": "\(Self.milliseconds(since: start))", "result": sets])
        } catch let skipped as StepSkipped {
            mutable.withLock { $0.state = before }  // a skipped step leaves no values behind
            _ = try complete(step, outcome: "skipped: \(skipped.reason)")
            log.write("STEP_SKIPPED", ["round": "\(round)", "step": step.name, "reason": "\"\(skipped.reason)\""])
        } catch {
            mutable.withLock { $0.state = before }
            log.write("STEP_FAILED", ["round": "\(round)", "step": step.name, "worker": worker.name, "ms": "\(Self.milliseconds(since: start))",
                "error": "\"\(error)\""])
            throw StepFailure(round: round, step: step.name, worker: worker.name, error: error, stateFile: stateFile.path)
        }
    }

    private func complete(_ step: Step, outcome: String) throws -> String {
        try mutable.withLock { m in
            m.state.steps[step.name] = outcome
            try m.state.save(stateFile)
            return m.stepSets.isEmpty ? "-" : m.stepSets.map { "\($0.key)=\($0.value.canonicalString)" }.joined(separator: " ")
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        ((ContinuousClock.now - start).seconds * 1000).rounded(to: 1)
    }
}
