import Fixtures
import Foundation
import Networks
import Synchronization
import Testing

/// Replay and shrink (docs/replay-and-shrink.md), each case on private in-process devnets of its
/// own, so a planted bug reaches no other test, with its files under a temporary LEDGERQA_HOME.
@Suite("Replay and shrink")
struct ReplayShrinkTests {
    /// The second reservation on one agent after an exit from its pool mints a lot short.
    static let plant = "combo:reservation-after-exit:nth=2"

    /// A temporary LEDGERQA_HOME, removed by the caller.
    static func temporaryHome() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-replay-tests-\(UUID().uuidString)", isDirectory: true)
    }

    /// Runs `mix` on a fresh private devnet; the case's own issues (the planted bug fails its
    /// thresholds) are expected when `failing`.
    static func runCase(_ mix: LoadMix, plant: String, users: Int, seconds: Int, configuration: LoadConfiguration, home: URL,
        failing: Bool) async throws -> LoadReport
    {
        let devnet = try await PrivateDevnet.start(plant: plant)
        let run = try await devnet.loadRun(users: users, label: mix.name, configuration: configuration, duration: .seconds(seconds), home: home)
        let box = Mutex<LoadReport?>(nil)
        if failing {
            await withKnownIssue("the planted bug fails the case") {
                let report = try await run.run(mix)
                box.withLock { $0 = report }
            }
        } else {
            let report = try await run.run(mix)
            box.withLock { $0 = report }
        }
        return try #require(box.withLock { $0 }, "the case produced no report")
    }

    /// Mintings on random agents drawn three times as often as pool moves, with ten times the
    /// default UND so that users keep minting for the whole 20 s. Exits can only start once the
    /// first entries unlock (10 s): with the default 500 UND the users spend their UND on mintings
    /// before that, and with every minting on the cheapest agent its pool is too heavily backed
    /// to exit from; either way no reservation follows an exit and the bug never bites.
    static let mintingPools = LoadMix("pools", [.mintRandomAgentRandomAmount, .mintRandomAgentRandomAmount,
        .mintRandomAgentRandomAmount, .enterRandomPoolRandomAmount, .exitRandomPoolRandomAmount])
    static let mintingFunds = Funds(nat: 1_000 * Units.nat, und: 5_000 * Units.und)

    /// A draw without the name of what it picked.
    static func choice(_ draw: ReplayDraw) -> [String] { [draw.kind.rawValue, draw.value, String(draw.count ?? 0), draw.min ?? "", draw.max ?? ""] }

    @Test("a planted combination bug fails a 20-user case, which shrinks to a handful of actions, the same again from the same recording",
        .timeLimit(.minutes(10)))
    func plantedBugShrinks() async throws {
        let home = Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var configuration = LoadConfiguration(seed: 20_261_130)
        configuration.reportInterval = .zero
        configuration.userFunds = Self.mintingFunds
        // Twice the default budget: both shrinks below must finish on a busy machine to be compared.
        configuration.shrinkBudget = .seconds(240)
        let report = try await Self.runCase(Self.mintingPools, plant: Self.plant, users: 20, seconds: 20, configuration: configuration, home: home,
            failing: true)

        #expect(report.mismatchCount > 0, "the planted bug did not bite: \(report.text)")
        let shrink = try #require(report.shrink, "the failing case was not shrunk")
        let ended = try #require(shrink.ended, "shrinking did not reproduce the failure: \(shrink.line)")
        print("shrink figures: \(shrink.recorded) actions recorded, \(shrink.started) up to the failure, \(ended) in the minimal sequence, "
            + "\(shrink.seconds.rounded()) s, \(shrink.candidates) candidates")
        #expect(ended <= 8, "\(shrink.line)")
        #expect(ended < shrink.started)
        let minimalFile = try #require(shrink.minimalFile)
        let minimal = try ReplayFile.read(minimalFile)
        #expect(minimal.failure == shrink.failure)
        #expect(try #require(shrink.testSource).contains("runOnPrivateDevnet()"))
        #expect(FileManager.default.fileExists(atPath: try #require(shrink.keptFile).path), "the failure was not kept under failures/")
        if let out = ProcessInfo.processInfo.environment["LEDGERQA_SHRUNK_TEST_OUT"], let source = shrink.testSource {
            try Data(source.utf8).write(to: URL(fileURLWithPath: out))
        }

        // The minimal sequence fails on the buggy devnet and passes on a correct one.
        #expect(try await minimal.runOnPrivateDevnet(plant: Self.plant).problems.isEmpty == false)
        let correct = try await minimal.runOnPrivateDevnet(plant: "off")
        #expect(correct.problems.isEmpty, "\(correct.problems)")

        // The same recording (the same seed's run) shrinks to the same sequence.
        let recording = try ReplayFile.read(try #require(report.replayFile))
        let (again, summary) = await recording.shrink(actions: Self.mintingPools.actions, on: FreshDevnet(plant: Self.plant), budget: configuration.shrinkBudget)
        #expect(again?.steps.map(\.action) == minimal.steps.map(\.action), "the second shrink: \(summary.line)")
        #expect(again?.steps.map { $0.draws.map(Self.choice) } == minimal.steps.map { $0.draws.map(Self.choice) })
        // Which of two users with the same recorded actions plays a part can differ (a candidate's
        // virtual clock also follows the real one); the sequence of actions and draws does not.
        #expect(Set(again?.steps.map(\.user) ?? []).count == Set(minimal.steps.map(\.user)).count)

        // The next run of the case replays the kept failure first: it passes without the bug and is retired.
        var next = configuration
        next.seed = 1
        let clean = try await Self.runCase(LoadMix("pools", [.mintLowestFeeAgentRandomAmount]), plant: "off", users: 1, seconds: 1,
            configuration: next, home: home, failing: false)
        #expect(clean.keptFailures.map(\.stillFails) == [false], "\(clean.keptFailures.map(\.line))")
        #expect(!FileManager.default.fileExists(atPath: try #require(shrink.keptFile).path), "the passing failure was not retired")
    }

    @Test("without a planted bug nothing is shrunk and nothing is written", .timeLimit(.minutes(5)))
    func noBugNoShrink() async throws {
        let home = Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var configuration = LoadConfiguration(seed: 20_261_130)
        configuration.reportInterval = .zero
        let report = try await Self.runCase(.pools, plant: "off", users: 8, seconds: 14, configuration: configuration, home: home,
            failing: false)

        #expect(report.mismatchCount == 0 && report.invariantViolations.isEmpty)
        #expect(report.shrink == nil)
        let directory = try #require(report.replayFile).deletingLastPathComponent()
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(ReplayFile.minimalName).path))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("failures").path))
        #expect(try ReplayFile.read(try #require(report.replayFile)).failure == nil)
    }

    @Test("LOAD_REPLAY of a recorded run reproduces every user's balances after each action", .timeLimit(.minutes(4)),
        arguments: [ReplayOrder.global, .users])
    func replayReproducesState(order: ReplayOrder) async throws {
        let home = Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var configuration = LoadConfiguration(seed: 4242)
        configuration.reportInterval = .zero
        // Three actions per user, however busy the machine (the duration only bounds the run).
        configuration.iterations = 3
        let recorded = try await Self.runCase(.minting, plant: "off", users: 4, seconds: 120, configuration: configuration, home: home,
            failing: false)
        let recording = try ReplayFile.read(try #require(recorded.replayFile))
        #expect(recording.steps.count == 12, "each of 4 users recorded its 3 actions")
        #expect(recording.steps.allSatisfy { $0.after != nil })

        var replaying = try LoadConfiguration.parse(["LOAD_REPLAY": try #require(recorded.replayFile).path, "LOAD_REPLAY_ORDER": order.rawValue,
            "LOAD_SEED": "4242", "LOAD_REPORT_INTERVAL": "0"])
        replaying.runID = "replay-\(order.rawValue)"
        let replayed = try await Self.runCase(.minting, plant: "off", users: 4, seconds: 5, configuration: replaying, home: home, failing: false)
        let again = try ReplayFile.read(try #require(replayed.replayFile))

        #expect(again.steps.allSatisfy { $0.divergence == nil }, "\(again.steps.compactMap(\.divergence))")
        for user in recording.userIndices {
            let before = recording.steps.filter { $0.user == user }.sorted { $0.order < $1.order }
            let after = again.steps.filter { $0.user == user }.sorted { $0.order < $1.order }
            #expect(after.map(\.action) == before.map(\.action), "user-\(user) ran other actions")
            // The same draws; the items' names differ where the network numbers them (reservation ids).
            #expect(after.map { $0.draws.map(Self.choice) } == before.map { $0.draws.map(Self.choice) }, "user-\(user) drew otherwise")
            #expect(after.map(\.after) == before.map(\.after), "user-\(user)'s balances differ after some action")
        }
    }

    @Test("a malformed LOAD_REPLAY_ORDER, LOAD_REPLAY_LIMIT or LOAD_SHRINK_SECONDS stops the run with a message naming it")
    func malformedSettings() {
        #expect(throws: ConfigurationError.self) { try LoadConfiguration.parse(["LOAD_REPLAY_ORDER": "sideways"]) }
        for bad in ["-1", "lots", "100000001", "1.5"] {
            let error = #expect(throws: ConfigurationError.self) { try LoadConfiguration.parse(["LOAD_REPLAY_LIMIT": bad]) }
            #expect(error?.variable == "LOAD_REPLAY_LIMIT" && error?.expected.contains("the most actions replay.json records") == true)
        }
        #expect((try? LoadConfiguration.parse([:]))?.replayLimit == 200_000)
        #expect(throws: ConfigurationError.self) { try LoadConfiguration.parse(["LOAD_SHRINK_SECONDS": "-3"]) }
        #expect(throws: ConfigurationError.self) { try LoadConfiguration.parse(["LOAD_SHRINK": "maybe"]) }
        let parsed = try? LoadConfiguration.parse(["LOAD_REPLAY_ORDER": "global", "LOAD_SHRINK_SECONDS": "30", "LOAD_SHRINK": "1"])
        #expect(parsed?.replayOrder == .global && parsed?.shrinkBudget == .seconds(30) && parsed?.shrink == true)
        #expect((try? LoadConfiguration.parse(["LOAD_SHRINK": "1"]))?.shrinkBudget == .seconds(120))
    }
}
