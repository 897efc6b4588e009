import Fixtures
import Foundation

/// A product suite run again as a child of this test bundle against an embedded devnet of its
/// own (never the network this run may point at), with a keystore under a temporary home.
enum EmbeddedSuiteRun {
    /// The Load suite's test ids only (a bare "LoadTests" also matches other suites' names).
    static let loadSuite = #"^Load\.LoadTests/"#

    /// Starts `--filter filter` with `settings` (DEVNET_PLANT, DEVNET_FAULTS, LOAD_*) over a
    /// clean environment; the caller removes `home` afterwards.
    static func start(filter: String, settings: [String: String], home: URL, name: String) throws -> ChildProcess {
        var environment = ProcessInfo.processInfo.environment
        for variable in ["DEVNET_URL", "DEVNET_ADMIN_KEY", "KAFKA_BROKERS", "DEVNET_PLANT", "DEVNET_FAULTS", "LOAD_THRESHOLDS", "LOAD_REPLAY"] {
            environment[variable] = nil
        }
        environment["LEDGERQA_HOME"] = home.path
        environment["LOAD_REPORT_INTERVAL"] = "0"
        environment.merge(settings) { _, new in new }
        return try ChildProcess(BuildProducts.testBundle, ["--testing-library", "swift-testing", "--filter", filter],
            environment: environment, name: name)
    }
}
