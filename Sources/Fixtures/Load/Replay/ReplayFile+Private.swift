import Foundation

extension ReplayFile {
    /// Replays the steps one at a time in their global order on a fresh private devnet (see
    /// `PrivateDevnet`), skipping recorded waits on its virtual clock. `plant` names the bugs it
    /// has; nil plants what `DEVNET_PLANT` says, so the same test fails on a devnet with the bug
    /// and passes on one without.
    ///
    /// ```swift
    /// let outcome = try await ReplayFile.decode(json: text).runOnPrivateDevnet()
    /// #expect(outcome.problems.isEmpty)
    /// ```
    public func runOnPrivateDevnet(plant: String? = nil, actions: [LoadAction] = []) async throws -> ReplayOutcome {
        try await run(on: FreshDevnet(plant: plant), actions: actions)
    }

    /// Replays on a fresh devnet from `fresh`, its users' keystore in a temporary directory removed afterwards.
    func run(on fresh: FreshDevnet, actions: [LoadAction], stopAfter: (@Sendable (ReplayStep) -> Bool)? = nil) async throws -> ReplayOutcome {
        let known = ReplayFile.knownActions(actions)
        if let unknown = steps.first(where: { step in !known.contains { $0.name == step.action } }) {
            throw ReplayError.unknownAction(unknown.action, known: known.map(\.name))
        }
        let devnet = try await fresh.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-replay-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: home) }
        var configuration = LoadConfiguration(seed: settings.seed)
        configuration.reportFiles = false
        configuration.reportInterval = .zero
        configuration.userFunds = settings.userFunds
        let run = try await LoadRun.provision(count: 0, label: label, configuration: configuration, duration: nil, context: devnet.context,
            root: home.appendingPathComponent("keystore", isDirectory: true), fund: true, indices: userIndices)
        defer { run.closeLogs() }
        let baseline = try await Invariants.Baseline(context: run.context)
        let recorder = ReplayRecorder(start: .now)
        let origin = devnet.clock.origin(alignedWith: settings.networkStart)
        await ReplayRecorder.$current.withValue(recorder) {
            await LoadReplayer.run(steps, users: run.users, actions: known, order: .global, pace: .virtual(devnet.clock, origin: origin),
                statistics: RunStatistics(), stopAfter: stopAfter)
        }
        let invariants = (try? await Invariants.check(run: run, baseline: baseline)) ?? []
        return ReplayOutcome(steps: recorder.ordered, invariants: invariants)
    }

    /// `actions`, then the built-in and refusal actions they do not name.
    static func knownActions(_ actions: [LoadAction]) -> [LoadAction] {
        actions + (LoadAction.builtIn + RefusalActions.all).filter { builtIn in !actions.contains { $0.name == builtIn.name } }
    }

    /// Decodes replay JSON given as text, as a printed test holds it.
    public static func decode(json: String) throws -> ReplayFile { try decode(Data(json.utf8), source: "the replay JSON") }
}

extension LoadRun {
    /// Closes the op log and the users' logs (a replay's run is never collected).
    func closeLogs() {
        opLog.close()
        for account in accounts { account.userLog?.close() }
    }
}
