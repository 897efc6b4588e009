public import Testing
import Foundation

/// Provides a `StepRunner` to every test case it covers (not shared between cases): reads the
/// config, workers and data files, opens the run (fresh, or resumed from its saved state),
/// starts the worker servers and funds the workers; afterwards, also when the case failed, it
/// stops the servers, collects the accounts if the run finished, and attaches the step log.
/// `LEDGERQA_RESET=1` or `reset: true` starts the run over.
public struct StepRunnerTrait: TestTrait, SuiteTrait, TestScoping {
    /// The config file's absolute path.
    public let configPath: String
    /// The run's name; default: the config's `name`, else `<config folder>.<test function>`.
    public let name: String?
    public let reset: Bool
    public var isRecursive: Bool { true }

    public init(configPath: String, name: String? = nil, reset: Bool = false) {
        self.configPath = configPath
        self.name = name
        self.reset = reset
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }  // the suite itself: cases provision their own
        let config = URL(fileURLWithPath: configPath)
        let runName = name ?? "\(config.deletingLastPathComponent().lastPathComponent).\(test.name.prefix { $0 != "(" })"
        let resetRequested = try await Self.resetRequested()
        let runner = try await StepRunner.provision(config: config, name: runName, reset: reset || resetRequested)
        var failure: (any Error)?
        do { try await StepRunner.$bound.withValue(runner) { try await function() } } catch { failure = error }
        // Finished in a task of its own so that a cancelled case still stops its servers.
        let log = await Task { await runner.finish() }.value
        Attachment.record(log, named: "steps-\(runner.name).log")
        if let failure { throw failure }
    }

    /// `LEDGERQA_RESET` (true/false, 1/0, yes/no, on/off), from the layered settings; a
    /// malformed value stops the run.
    static func resetRequested() async throws -> Bool {
        guard let value = try await Settings.current().value(SettingKey("ledgerqa", "reset")) else { return false }
        return try LedgerQAEnvironment.flag(value)
    }
}

extension Trait where Self == StepRunnerTrait {
    /// A step runner per test case for the journey configured by `config` (JSON or YAML), a path
    /// relative to the folder of the file that declares the trait; e.g.
    /// `@Suite(.stepRunner("Journeys/market/config.json"))`. `reset: true` starts over every time.
    public static func stepRunner(_ config: String, name: String? = nil, reset: Bool = false, relativeTo file: String = #filePath) -> Self {
        let path = config.hasPrefix("/") ? config : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(config).path
        return StepRunnerTrait(configPath: path, name: name, reset: reset)
    }
}
