/// Why a step run could not go on; each message names what to change.
public enum StepRunnerError: Error, Sendable, CustomStringConvertible {
    case missingKey(String, scope: StateScope?, step: String?, round: Int)
    case wrongType(String, expected: String, found: String, step: String?, round: Int)
    case badSet(reason: String, step: String?)
    case duplicateStep(String)
    case unknownWorker(step: String, worker: String, known: [String])
    case unknownCompletedStep(String, stateFile: String)
    case alreadyFinished(run: String)
    case notSeeded(String)
    case noRoundRecord(round: Int, collection: String?)
    case seeding(collection: String, problem: String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .missingKey(let key, let scope, let step, let round):
            "runner.get(\"\(key)\") \(Self.asker(step, round)) found no value in "
                + (scope.map { "the \($0.rawValue) scope" } ?? "the round scope, the global scope or the config file")
                + "; set it in an earlier step with runner.set"
        case .wrongType(let key, let expected, let found, let step, let round):
            "runner value \"\(key)\" read \(Self.asker(step, round)) is a \(found), not \(expected)"
        case .badSet(let reason, let step): "runner.set \(step.map { "in step \($0)" } ?? "outside a step"): \(reason)"
        case .duplicateStep(let name): "two steps are named \"\(name)\"; step names must be unique"
        case .unknownWorker(let step, let worker, let known):
            "step \(step) names worker \"\(worker)\", which workers.json does not have (it has \(known.joined(separator: ", ")))"
        case .unknownCompletedStep(let name, let file):
            "the state file \(file) says step \"\(name)\" completed, but the journey has no such step; LEDGERQA_RESET=1 starts the run over"
        case .alreadyFinished(let run): "run \(run) already finished in this test; a test runs its journey once"
        case .notSeeded(let what): "\(what) is only available once run(_:) has seeded the data"
        case .noRoundRecord(let round, let collection):
            collection.map { "round \(round) has no record in collection \($0)" } ?? "the config names no rounds_collection, so rounds have no record"
        case .seeding(let collection, let problem): "seeding \(collection): \(problem)"
        case .cannotWrite(let path): "cannot write \(path): check the directory's permissions or set LEDGERQA_HOME"
        }
    }

    static func asker(_ step: String?, _ round: Int) -> String {
        step.map { "in step \($0) (round \(round))" } ?? "outside a step"
    }
}

/// A step failed: the run stopped at it, with its state saved, so rerunning resumes here.
public struct StepFailure: Error, Sendable, CustomStringConvertible {
    public let round: Int
    public let step: String
    public let worker: String
    public let error: any Error
    public let stateFile: String

    public var description: String {
        "round \(round), step \(step) (worker \(worker)) failed: \(error). The state is saved in \(stateFile): "
            + "rerunning resumes at this step; LEDGERQA_RESET=1 starts over"
    }
}
