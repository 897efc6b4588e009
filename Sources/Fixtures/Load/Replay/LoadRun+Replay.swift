import Foundation
import Testing

extension LoadRun {
    /// `LOAD_REPLAY`'s file, checked against this case: its label, its users, its actions.
    func replayToRun(label: String, actions: [LoadAction]) throws -> ReplayFile? {
        guard let path = configuration.replay else { return nil }
        let replay = try ReplayFile.read(URL(fileURLWithPath: path))
        guard replay.label == label else { throw ReplayError.labelMismatch(file: path, replay: replay.label, running: label) }
        let needs = (replay.steps.map(\.user).max() ?? -1) + 1
        guard users.map(\.index).contains(needs - 1) || needs == 0 else { throw ReplayError.tooFewUsers(needs: needs, has: users.count) }
        let known = ReplayFile.knownActions(actions)
        if let unknown = replay.steps.first(where: { step in !known.contains { $0.name == step.action } }) {
            throw ReplayError.unknownAction(unknown.action, known: known.map(\.name))
        }
        return replay
    }

    /// Whether failures of this case are shrunk: `LOAD_SHRINK`, else against the embedded devnet;
    /// never for a replay (its recording is already known), and only where a fresh devnet exists.
    var shrinks: Bool {
        configuration.replay == nil && context.freshInstance != nil && (configuration.shrink ?? context.isEmbedded)
    }

    /// Replays the failures kept under `failures/` for this case on fresh private devnets, before
    /// the flows (Foundry's model): one that still fails is reported, one that passes is retired.
    func replayKeptFailures(label: String, actions: [LoadAction]) async -> [KeptFailureResult] {
        guard configuration.replay == nil, context.isEmbedded, let fresh = context.freshInstance else { return [] }
        var out: [KeptFailureResult] = []
        for file in FailureStore.pending(label: label, home: home) {
            do {
                let kept = try ReplayFile.read(file)
                // The devnet of this run decides: its planted bugs, not those the failure was found with.
                let outcome = try await kept.run(on: fresh, actions: actions)
                let stillFails = kept.failure.map { outcome.fails(with: $0) } ?? !outcome.problems.isEmpty
                if !stillFails { FailureStore.retire(file) }
                out.append(KeptFailureResult(file: file, stillFails: stillFails, problems: outcome.problems))
            } catch {
                out.append(KeptFailureResult(file: file, stillFails: true, problems: ["it could not be replayed: \(error)"]))
            }
        }
        return out
    }

    /// The case's replay file: its settings and seed, and every recorded step.
    func replayFile(label: String, settings: LoadRunSettings, startedAt: Date, networkStart: Double, steps: [ReplayStep], invariants: [InvariantResult])
        -> ReplayFile
    {
        ReplayFile(label: label,
            settings: ReplayFile.RunSettings(runID: settings.runID, seed: settings.seed, users: settings.users, duration: settings.duration.seconds,
                actions: settings.actions, target: settings.target, executor: settings.executor, thresholds: settings.thresholds,
                startedAt: ISO8601DateFormatter().string(from: startedAt), networkStart: networkStart,
                userNAT: String(configuration.userFunds.nat), userUND: String(configuration.userFunds.und)),
            plant: context.freshInstance?.plant, failure: FailureSignature.first(steps: steps, invariants: invariants), steps: steps)
    }

    /// Writes `replay.json` into `directory`; a file that cannot be written is named on standard error.
    static func write(_ replay: ReplayFile, named name: String, in directory: URL) -> URL? {
        let url = directory.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try replay.jsonData().write(to: url, options: .atomic)
            return url
        } catch {
            FileHandle.standardError.write(Data("ledgerqa: \(url.path) was not written: \(error)\n".utf8))
            return nil
        }
    }

    /// Shrinks a failing case (see `Shrinker`), writes `minimal-replay.json` and the printed
    /// test beside the report, keeps both under `failures/`, prints the test and attaches both.
    func shrinkFailure(_ recording: ReplayFile, actions: [LoadAction], invariants: [InvariantResult], directory: URL) async -> ShrinkSummary? {
        guard shrinks, let fresh = context.freshInstance, let signature = recording.failure else { return nil }
        print("[\(recording.label)] shrinking \(signature) on fresh private devnets (LOAD_SHRINK_SECONDS=\(configuration.shrinkBudget.seconds))")
        let (minimal, shrunk) = await recording.shrink(actions: actions, on: fresh, budget: configuration.shrinkBudget)
        var summary = shrunk
        guard let minimal else { return summary }
        do {
            let source = try ReplayTestSource.make(minimal, from: summary.recorded)
            summary.testSource = source
            summary.minimalFile = Self.write(minimal, named: ReplayFile.minimalName, in: directory)
            let testFile = directory.appendingPathComponent("ShrunkTest.swift")
            try Data(source.utf8).write(to: testFile, options: .atomic)
            summary.testFile = testFile
            summary.keptFile = try FailureStore.keep(minimal, test: source, home: home)
            print("[\(recording.label)] \(summary.line)\n--- paste into a test target that depends on Fixtures ---\n\(source)---")
            if Test.current != nil {
                Attachment.record(source, named: "\(recording.label)-ShrunkTest.swift")
                Attachment.record([UInt8](try minimal.jsonData()), named: "\(recording.label)-\(ReplayFile.minimalName)")
            }
        } catch {
            summary.notes.append("the minimal sequence was not written: \(error)")
        }
        return summary
    }
}
