@testable import Fixtures
import Foundation
import Networks
import Testing

/// Settings come from the environment, Tests/.env, .env and ledgerqa.yaml (or .json), in that
/// order, through swift-configuration; a malformed value names its key, its source and the form.
@Suite("Layered settings")
struct SettingsTests {
    /// A package root with the given files.
    static func root(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-settings-\(UUID().uuidString)", isDirectory: true)
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test("the environment wins over Tests/.env, which wins over .env, which wins over ledgerqa.yaml")
    func precedence() async throws {
        let root = try Self.root([
            "ledgerqa.yaml": "load:\n  users: 4\n  duration: 40\n  seed: 44\n  report_interval: 4\n",
            ".env": "LOAD_DURATION=30\nLOAD_SEED=33\nLOAD_REPORT_INTERVAL=3\n",
            "Tests/.env": "LOAD_SEED=22\nLOAD_REPORT_INTERVAL=2\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = try await Settings.load(environment: ["LOAD_REPORT_INTERVAL": "1"], directory: root)
        #expect(settings.sourceNames == ["environment", "Tests/.env", ".env", "ledgerqa.yaml"])
        let c = try LoadConfiguration.parse(settings)
        #expect(c.users == 4, "only the file names it")
        #expect(c.duration == .seconds(30), ".env over the file")
        #expect(c.seed == 22, "Tests/.env over .env")
        #expect(c.reportInterval == .seconds(1), "the environment over everything")
        #expect(try settings.value(SettingKey("load", "seed"))?.source == "Tests/.env")
    }

    @Test("a JSON settings file works like a YAML one, lists included")
    func jsonFile() async throws {
        let root = try Self.root(["ledgerqa.json": #"{"load": {"actions": ["Scenario1", "Scenario2"], "thresholds": "p99<2s, success>=99.5%"}, "use_kafka": false}"#])
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = try await Settings.load(environment: [:], directory: root)
        let c = try LoadConfiguration.parse(settings)
        #expect(c.actions == [.scenario1, .scenario2])
        #expect(c.thresholds.map(\.expression) == ["p99<2s", "success>=99.5%"])
        #expect(try LedgerQAEnvironment.parse(settings).useKafka == false)
    }

    @Test("per-user action lists (seed 000's actions = [[...], [...]]) and user numbers come from the file or the environment")
    func perUserActions() async throws {
        let root = try Self.root(["ledgerqa.yaml": """
            load:
              user_set: team-a
              user_nums: [0, 1, 5]
              user_actions:
                "0": [RedeemRandomAmount, WithdrawRandomPoolFees]
                "1": [Scenario2]
            """])
        defer { try? FileManager.default.removeItem(at: root) }
        let c = try LoadConfiguration.parse(try await Settings.load(environment: ["LOAD_USER_ACTIONS_1": "Scenario1"], directory: root))
        #expect(c.userActions == [[.redeemRandomAmount, .withdrawRandomPoolFees], [.scenario1]], "user 1's list from the environment")
        #expect(c.userNumbers == [0, 1, 5])
        #expect(c.userSet == "team-a")
    }

    @Test("a malformed value names its key as its source writes it, the source, and the expected form", arguments: [
        ("ledgerqa.yaml", "load:\n  duration: 2m\n", "load.duration", "seconds, a number above 0"),
        (".env", "LOAD_USERS=ten\n", "LOAD_USERS", "a whole number of users"),
        ("Tests/.env", "LOAD_RATE=fast\n", "LOAD_RATE", "a rate above 0 such as 40/s"),
        ("ledgerqa.yaml", "load:\n  notify:\n    level: loud\n", "load.notify.level", "info, warning or error"),
        ("ledgerqa.yaml", "load:\n  stages: 30s-10/s\n", "load.stages", "duration:rate stages"),
        ("ledgerqa.yaml", "devnet:\n  url: ftp://node\n", "devnet.url", "an http(s) URL"),
    ])
    func malformed(file: String, text: String, key: String, expected: String) async throws {
        let root = try Self.root([file: text])
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = try await Settings.load(environment: [:], directory: root)
        let error = #expect(throws: ConfigurationError.self) {
            _ = try LoadConfiguration.parse(settings)
            _ = try LedgerQAEnvironment.parse(settings)
        }
        #expect(error?.variable == key && error?.source == file && error?.expected.contains(expected) == true, "\(String(describing: error))")
        #expect(error?.description.contains("(from \(file))") == true, "\(String(describing: error))")
    }

    @Test("LOAD_USER_FUNDS gives each user whole NAT and UND; one left out keeps its default; anything else is refused naming the form",
        arguments: ["1000", "1000 ETH", "-5 NAT", "0 NAT", "1.5 NAT", "1000 NAT, 2000 NAT", "99999999999999999999 UND", "1000 nat", "NAT 1000"])
    func userFunds(bad: String) throws {
        let c = try LoadConfiguration.parse(["LOAD_USER_FUNDS": "2000 NAT, 7500 UND"])
        #expect(c.userFunds == Funds(nat: 2_000 * Units.nat, und: 7_500 * Units.und))
        #expect(try LoadConfiguration.parse(["LOAD_USER_FUNDS": "0 UND"]).userFunds == Funds(nat: LoadRun.userFunds.nat, und: 0))
        #expect(try LoadConfiguration.parse([:]).userFunds == LoadRun.userFunds)
        let error = #expect(throws: ConfigurationError.self) { try LoadConfiguration.parse(["LOAD_USER_FUNDS": bad]) }
        #expect(error?.variable == "LOAD_USER_FUNDS" && error?.expected.contains("\"1000 NAT, 500 UND\"") == true, "\(String(describing: error))")
    }

    @Test("a key is never printed, whichever source holds it")
    func secrets() async throws {
        let key = String(repeating: "0123456789abcdef", count: 4) + "Z"
        let root = try Self.root(["ledgerqa.yaml": "load:\n  funder_key: \(key)\ndevnet:\n  admin_key: \(key)\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = try await Settings.load(environment: [:], directory: root)
        for parse in [{ _ = try LoadConfiguration.parse(settings) }, { _ = try LedgerQAEnvironment.parse(settings) }] as [() throws -> Void] {
            do {
                try parse()
                Issue.record("a malformed key was accepted")
            } catch {
                #expect(!"\(error)".contains(key.prefix(16)), "\(error)")
                #expect("\(error)".contains("<65 characters>"), "\(error)")
            }
        }
    }

    @Test("a settings file that is not YAML or JSON, or a LEDGERQA_CONFIG that names no file, stops the run naming it")
    func badFiles() async throws {
        let root = try Self.root(["ledgerqa.yaml": "load: [unclosed\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        await #expect {
            _ = try await Settings.load(environment: [:], directory: root)
        } throws: { error in
            (error as? ConfigurationError)?.source == "ledgerqa.yaml"
        }
        await #expect {
            _ = try await Settings.load(environment: ["LEDGERQA_CONFIG": "missing.yaml"], directory: root)
        } throws: { error in
            (error as? ConfigurationError)?.variable == "LEDGERQA_CONFIG"
        }
        let other = try Self.root(["config/run.yaml": "load:\n  users: 7\n"])
        defer { try? FileManager.default.removeItem(at: other) }
        let settings = try await Settings.load(environment: ["LEDGERQA_CONFIG": "config/run.yaml"], directory: other)
        #expect(try LoadConfiguration.parse(settings).users == 7)
    }

    @Test("an invalid threshold stops the run naming it and the grammar")
    func invalidThreshold() {
        let error = #expect(throws: ConfigurationError.self) { try LoadConfiguration.parse(["LOAD_THRESHOLDS": "p99<2s, latency<3"]) }
        #expect(error?.expected.contains("unknown metric \"latency\"") == true && error?.expected.contains("[Action.]metric op value") == true,
            "\(String(describing: error))")
    }
}
