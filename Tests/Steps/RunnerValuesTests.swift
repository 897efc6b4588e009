import Fixtures
import Foundation
import Networks
import Testing

/// `runner.set` / `runner.get`: scopes, dot paths, JSON values, the config file as a fallback,
/// errors that name the key and the step, and values saved only with their step's completion.
@Suite("Steps: runner values and state")
struct RunnerValuesTests {
    @Test("round values end with their round, global values carry, dot paths nest, and the config file answers the rest",
        .stepRunner("Journeys/basic/config.json", reset: true), .timeLimit(.minutes(5)))
    func scopes() async throws {
        let runner = try StepRunner.current
        try await runner.run([
            Step("write", "alpha stores a URL per worker and counts rounds", worker: "alpha", execute: { runner, worker, _ throws in
                #expect(throws: StepRunnerError.self, "round 2 starts without round 1's values") {
                    try runner.get("post_urls.alpha", scope: .round)
                }
                try runner.set("post_urls.\(worker.name)", .string("https://example.test/\(runner.round)"))
                try runner.set("post_urls.beta", .string("https://example.test/beta"))
                let count = (try? runner.int("rounds_seen", scope: .global)) ?? 0
                try runner.set("rounds_seen", .int(count + 1), scope: .global)
            }),
            Step("read", "beta reads what alpha stored", worker: "beta", execute: { runner, _, _ throws in
                #expect(try runner.get("post_urls") == ["alpha": .string("https://example.test/\(runner.round)"), "beta": "https://example.test/beta"])
                #expect(try runner.string("post_urls.alpha") == "https://example.test/\(runner.round)")
                #expect(try runner.int("rounds_seen") == Int64(runner.round), "global, found after the round scope")
                #expect(try runner.string("greeting") == "hello from config.json", "a config value, as seed 001's runner.get(\"task_id\")")
            }),
        ])
        #expect(try runner.int("rounds_seen", scope: .global) == 2)
    }

    @Test("reading a missing key fails the step with the key, the step, the round and the worker",
        .stepRunner("Journeys/basic/config.json", reset: true), .timeLimit(.minutes(5)))
    func missingKey() async throws {
        let error = await #expect(throws: StepFailure.self) {
            try await StepRunner.current.run([
                Step("reader", "reads a key nobody set", worker: "beta", execute: { runner, _, _ in _ = try runner.get("never.set") }),
            ])
        }
        let failure = try #require(error)
        #expect(failure.round == 1 && failure.step == "reader" && failure.worker == "beta")
        let text = String(describing: failure)
        #expect(text.contains("round 1, step reader (worker beta) failed: runner.get(\"never.set\") in step reader (round 1) found no value"), "\(text)")
        #expect(text.contains("rerunning resumes at this step"), "\(text)")
    }

    @Test("set refuses a path through a value that is not an object, and typed reads refuse the wrong type",
        .stepRunner("Journeys/basic/config.json", reset: true), .timeLimit(.minutes(5)))
    func conflicts() async throws {
        let runner = try StepRunner.current
        try await runner.run([
            Step("conflicts", "stores a string, then tries to nest under it", worker: "alpha", execute: { runner, _, _ throws in
                try runner.set("name", "alice")
                let nested = #expect(throws: StepRunnerError.self) { try runner.set("name.first", "a") }
                #expect(nested.map { "\($0)" }?.contains("cannot set \"name.first\": \"name\" holds a string, not an object") == true, "\(String(describing: nested))")
                let typed = #expect(throws: StepRunnerError.self) { try runner.int("name") }
                #expect(typed.map { "\($0)" } == "runner value \"name\" read in step conflicts (round \(runner.round)) is a string, not a whole number")
                #expect(throws: StepRunnerError.self) { try runner.set("a..b", 1) }
            }),
        ])
    }

    @Test("a step's values reach the state file when it completes, and the file holds the previous steps' while it runs",
        .stepRunner("Journeys/basic/config.json", reset: true), .timeLimit(.minutes(5)))
    func savedPerStep() async throws {
        let runner = try StepRunner.current
        let file = runner.stateFile
        @Sendable func saved() throws -> JSON { try JSON.parse(Array(try Data(contentsOf: file))) }
        try await runner.run([
            Step("first", "stores a value", worker: "alpha", execute: { runner, _, _ throws in
                try runner.set("first", 1)
                #expect(try saved()["round_values"]?[String(runner.round)]?["first"] == nil, "not saved before the step completes")
            }),
            Step("second", "sees the first step's value saved", worker: "beta", execute: { runner, _, _ throws in
                let state = try saved()
                #expect(state["round_values"]?[String(runner.round)]?["first"] == 1)
                #expect(state["steps"] == ["first": "done"], "\(state)")
                try runner.set("totals.second", .int(Int64(runner.round)), scope: .global)
            }),
        ])
        let state = try saved()
        #expect(state["finished"] == true && state["round"] == 3)
        #expect(state["global"] == ["totals": ["second": 2]])
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["state.json"],
            "no temporary file left behind")
    }

    @Test("a skip rule or a StepSkipped thrown by the step records the reason, drops the step's values, and the run goes on",
        .stepRunner("Journeys/basic/config.json", reset: true), .timeLimit(.minutes(5)))
    func skips() async throws {
        let runner = try StepRunner.current
        try await runner.run([
            Step("only_round_2", "runs in round 2 only", worker: "alpha",
                skipIf: { runner, _ in runner.round == 1 ? "nothing to do in round 1" : nil },
                execute: { runner, _, _ in try runner.set("ran", true) }),
            Step("conflict", "the call answers 409 in round 1", worker: "beta", execute: { runner, _, _ in
                try runner.set("half_done", true)
                if runner.round == 1 { throw StepSkipped("the server answered 409: already submitted") }
            }),
            Step("after", "still runs", worker: "alpha", execute: { runner, _, _ throws in
                #expect((try? runner.get("half_done")) == (runner.round == 1 ? nil : true), "a skipped step's values are dropped")
                try runner.set("after", true)
            }),
        ])
        let log = try String(contentsOf: runner.logFile, encoding: .utf8)
        #expect(log.contains("STEP_SKIPPED round=1 step=only_round_2 reason=\"nothing to do in round 1\""))
        #expect(log.contains("STEP_SKIPPED round=1 step=conflict reason=\"the server answered 409: already submitted\""))
        #expect(log.contains("STEP_DONE round=1 step=after") && log.contains("STEP_DONE round=2 step=only_round_2"))
    }

    @Test("a failing step stops the run with its round, step, worker and error; running again resumes at that step", .timeLimit(.minutes(5)))
    func resumesAtFailedStep() async throws {
        let journey = try TempJourney(["config.json": #"{"rounds": 2}"#, "workers.json": #"{"alpha": {}, "beta": {}}"#])
        defer { journey.remove() }
        let runs = Counter()
        let steps = [
            Step("first", "counts its runs", worker: "alpha", execute: { runner, _, _ in await runs.add("first-\(runner.round)") }),
            Step("flaky", "fails once in round 2", worker: "beta", execute: { runner, _, _ in
                await runs.add("flaky-\(runner.round)")
                if runner.round == 2, await runs.count("flaky-2") == 1 { throw Flaky() }
            }),
        ]
        let failure = await #expect(throws: StepFailure.self) {
            try await journey.provide { try await StepRunner.current.run(steps) }
        }
        #expect(failure?.round == 2 && failure?.step == "flaky" && failure?.worker == "beta" && failure?.error is Flaky, "\(String(describing: failure))")
        try await journey.provide {
            let runner = try StepRunner.current
            #expect(runner.round == 2, "the saved state says round 2")
            try await runner.run(steps)
            let log = try String(contentsOf: runner.logFile, encoding: .utf8)
            #expect(log.contains("STEP_ALREADY_DONE round=2 step=first") && log.contains("STEP_DONE round=2 step=flaky"))
        }
        #expect(await runs.all == ["first-1", "flaky-1", "first-2", "flaky-2", "flaky-2"], "first ran once per round; flaky again after the failure")
    }

    @Test("duplicate step names and unknown workers are refused before any step runs",
        .stepRunner("Journeys/basic/config.json", reset: true), .timeLimit(.minutes(5)))
    func badSteps() async throws {
        let runner = try StepRunner.current
        let noop: Step.Execute = { _, _, _ in }
        let unknown = await #expect(throws: StepRunnerError.self) {
            try await runner.run([Step("a", "", worker: "alpha", execute: noop), Step("b", "", worker: "gamma", execute: noop)])
        }
        #expect(unknown.map { "\($0)" } == "step b names worker \"gamma\", which workers.json does not have (it has alpha, beta)")
        let duplicate = await #expect(throws: StepRunnerError.self) {
            try await runner.run([Step("a", "", worker: "alpha", execute: noop), Step("a", "", worker: "beta", execute: noop)])
        }
        #expect(duplicate.map { "\($0)" } == "two steps are named \"a\"; step names must be unique")
        let log = try String(contentsOf: runner.logFile, encoding: .utf8)
        #expect(!log.contains("STEP_START") && !log.contains("SEEDED"), "nothing ran")
    }

    @Test("StepRunner.current outside the trait names the trait to add", .timeLimit(.minutes(1)))
    func withoutTrait() {
        let error = #expect(throws: (any Error).self) { try StepRunner.current }
        #expect(error.map { "\($0)" }?.contains(".stepRunner(\"config.json\")") == true)
    }
}

struct Flaky: Error {}

/// Step executions counted across a test's runs.
actor Counter {
    var all: [String] = []
    func add(_ name: String) { all.append(name) }
    func count(_ name: String) -> Int { all.filter { $0 == name }.count }
}
