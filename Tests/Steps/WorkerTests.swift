import Fixtures
import Foundation
import Networks
import Testing

/// Workers: keys by role (given through the environment or generated and kept), environment
/// values from `env_vars` and `.env` files, `get`, and signing.
@Suite("Steps: workers")
struct WorkerTests {
    static func journey(keyFile: URL, mainSeed: String = KeyPair().seedHex) throws -> TempJourney {
        try TempJourney([
            "config.json": #"{"rounds": 1}"#,
            "workers.json": #"""
            {
              "alpha": {
                "keypairs": {"main": "ALPHA_MAIN_KEY", "staking": "ALPHA_STAKING_KEY_FILE", "spare": null},
                "env_vars": {"API_KEY": "ALPHA_API_KEY"},
                "env": {"WORKER_ID": "alpha-1"},
                "vars": {"twitter_id": "alpha_on_x", "limits": {"daily": 3}}
              },
              "beta": {"keypairs": ["main", "staking"]}
            }
            """#,
            ".env": "ALPHA_MAIN_KEY=\(mainSeed)\nALPHA_STAKING_KEY_FILE=\(keyFile.path)\nALPHA_API_KEY=from-the-env-file\n",
        ])
    }

    @Test("keys come from the variable keypairs names (a seed or a key file), or are generated once and kept for the run",
        .timeLimit(.minutes(5)))
    func keys() async throws {
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("staking-\(UInt32.random(in: 0...UInt32.max)).key")
        let staking = KeyPair()
        try (staking.seedHex + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: keyFile) }
        let mainSeed = KeyPair().seedHex
        let journey = try Self.journey(keyFile: keyFile, mainSeed: mainSeed)
        defer { journey.remove() }
        let generated = SeedBox()
        try await journey.provide {
            let alpha = try StepRunner.current.worker("alpha")
            #expect(try alpha.key("main").seedHex == mainSeed, "from ALPHA_MAIN_KEY in the .env file")
            #expect(try alpha.key("staking").seedHex == staking.seedHex, "from the file ALPHA_STAKING_KEY_FILE names")
            #expect(alpha.address == (try alpha.key("main").address))
            let beta = try StepRunner.current.worker("beta")
            #expect(try beta.key("main").address != beta.key("staking").address, "one generated key per role")
            await generated.set([try alpha.key("spare").seedHex, try beta.key("main").seedHex, try beta.key("staking").seedHex])
            #expect(throws: WorkerError.self) { try beta.key("spare") }
            // Interrupt the run after one step, so the next test case resumes it.
            await #expect(throws: StepFailure.self) {
                try await StepRunner.current.run([
                    Step("stop", "fails so the run stays open", worker: "beta", execute: { _, _, _ in throw Flaky() }),
                ])
            }
        }
        try await journey.provide {
            let runner = try StepRunner.current
            let again = [try runner.worker("alpha").key("spare").seedHex, try runner.worker("beta").key("main").seedHex,
                try runner.worker("beta").key("staking").seedHex]
            #expect(await generated.value == again, "the resumed run signs with the keys kept in the keystore")
            try await runner.run([Step("stop", "passes now", worker: "beta", execute: { _, _, _ in })])
        }
    }

    @Test("env, get and sign: env_vars resolved from .env, literal env, vars, built-in values, Ed25519 signatures",
        .timeLimit(.minutes(5)))
    func environmentAndValues() async throws {
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("staking-\(UInt32.random(in: 0...UInt32.max)).key")
        try (KeyPair().seedHex).write(to: keyFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: keyFile) }
        let journey = try Self.journey(keyFile: keyFile)
        defer { journey.remove() }
        try await journey.provide {
            let alpha = try StepRunner.current.worker("alpha")
            #expect(try alpha.env("API_KEY") == "from-the-env-file")
            #expect(try alpha.env("WORKER_ID") == "alpha-1")
            let missing = #expect(throws: WorkerError.self) { try alpha.env("GITHUB_TOKEN") }
            #expect(missing.map { "\($0)" } == "worker alpha has no environment variable \"GITHUB_TOKEN\"; add it to its env_vars or env in workers.json")
            #expect(try alpha.get("name") == "alpha" && alpha.get("twitter_id") == "alpha_on_x" && alpha.get("limits") == ["daily": 3])
            #expect(try alpha.get("address") == .string(alpha.address))
            #expect(throws: WorkerError.self, "no server, so no url") { try alpha.get("url") }
            let payload: JSON = ["task": "submit", "round": 1]
            let signature = try alpha.sign(payload)
            #expect(Signature.isValid(signature, of: payload.canonicalBytes, by: alpha.address))
            #expect(Signature.isValid(try alpha.sign(payload, with: "staking"), of: payload.canonicalBytes, by: try alpha.key("staking").address))
            #expect(!Signature.isValid(signature, of: payload.canonicalBytes, by: try alpha.key("staking").address))
            #expect(try await alpha.account().balance() == WorkerSpec.defaultNat, "funded with the default 100 NAT")
        }
    }
}

actor SeedBox {
    var value: [String] = []
    func set(_ seeds: [String]) { value = seeds }
}
