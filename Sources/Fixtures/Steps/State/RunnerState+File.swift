import Foundation
import Networks

/// The state file: pretty JSON, replaced atomically (a temporary file renamed over it) after
/// every step, so a run killed at any point leaves either the old or the new state.
extension RunnerState {
    static let format: Int64 = 1

    var json: JSON {
        var rounds: [String: JSON] = [:]
        for (round, values) in roundValues { rounds[String(round)] = values }
        return [
            "format": .int(Self.format), "run": .string(run), "rounds": .int(Int64(self.rounds)), "round": .int(Int64(round)),
            "steps": .object(steps.mapValues(JSON.string)), "finished": .bool(finished), "seeded": seeded ?? .null,
            "funded": .array(funded.sorted().map(JSON.string)), "global": global, "round_values": .object(rounds),
        ]
    }

    init(json: JSON, file: String) throws(StepsFileError) {
        let r = try FileRecord(file: file, record: nil, json: json)
        func fail(_ field: String, _ problem: String) -> StepsFileError {
            StepsFileError(file: file, field: field, problem: problem + "; LEDGERQA_RESET=1 starts the run over")
        }
        guard json["format"]?.intValue == Self.format else { throw fail("format", "expected \(Self.format), the format this LedgerQA writes") }
        guard let rounds = json["rounds"]?.intValue, rounds >= 1, let round = json["round"]?.intValue, (1...rounds + 1).contains(round) else {
            throw fail("round", "expected rounds ≥ 1 and round from 1 to rounds + 1")
        }
        self.init(run: try r.string("run"), rounds: Int(rounds))
        self.round = Int(round)
        guard case .object(let steps)? = json["steps"] else { throw fail("steps", "expected an object of step name → outcome") }
        self.steps = steps.compactMapValues(\.stringValue)
        finished = json["finished"]?.boolValue ?? false
        funded = Set((json["funded"]?.arrayValue ?? []).compactMap(\.stringValue))
        seeded = json["seeded"].flatMap { $0.isNull ? nil : $0 }
        global = json["global"] ?? [:]
        guard case .object(let values)? = json["round_values"] else { throw fail("round_values", "expected an object of round → values") }
        for (key, value) in values {
            guard let n = Int(key) else { throw fail("round_values.\(key)", "expected a round number") }
            roundValues[n] = value
        }
    }

    /// The state saved at `url`, or `nil` when there is none.
    static func load(_ url: URL) throws(StepsFileError) -> RunnerState? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try RunnerState(json: try JSON.parse(Array(data)), file: url.path)
        } catch let error as StepsFileError {
            throw error
        } catch {
            throw StepsFileError(file: url.path, problem: "is not valid JSON (\(error)); LEDGERQA_RESET=1 starts the run over")
        }
    }

    /// Writes the state to `url` atomically.
    func save(_ url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(json.prettyString.utf8)) else {
            throw StepRunnerError.cannotWrite(temporary.path)
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw StepRunnerError.cannotWrite(url.path)
        }
    }
}
