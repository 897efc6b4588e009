import Fixtures
import Foundation
import Networks
import Testing

/// A journey's files written to a temporary folder, for tests of what the runner does with
/// them; run with `provide`, which calls the trait as Swift Testing would.
struct TempJourney {
    let folder: URL
    let configName: String
    /// A name unique to this process, so a run never resumes another test's state.
    let runName: String

    init(_ files: [String: String], config: String = "config.json") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-journey-\(UInt64.random(in: 0...UInt64.max))")
        for (path, content) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        configName = config
        runName = "temp-\(UInt32.random(in: 0...UInt32.max))"
    }

    var configPath: String { folder.appendingPathComponent(configName).path }

    /// Runs `body` inside the `.stepRunner` trait for this journey, as the current test case.
    func provide(reset: Bool = false, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let test = try #require(Test.current)
        try await StepRunnerTrait(configPath: configPath, name: runName, reset: reset).provideScope(for: test, testCase: Test.Case.current,
            performing: body)
    }

    /// Where the run's state would be on the shared network.
    func stateFolder() async throws -> URL {
        let info = try await Network.shared.connection().info
        return Keystore.defaultRoot.deletingLastPathComponent().appendingPathComponent("steps/\(info.chainID)-\(info.genesisHash.prefix(16))/\(runName)")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
