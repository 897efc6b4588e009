@testable import Fixtures
import Devnet
import Testing

@Suite("Environment variables")
struct EnvironmentTests {
    @Test("unset and empty variables give the embedded defaults")
    func defaults() throws {
        let env = try LedgerQAEnvironment.parse(["DEVNET_URL": "", "USE_KAFKA": "  "])
        #expect(env.devnetURL == nil)
        #expect(env.adminKey == nil)
        #expect(env.useKafka)
        #expect(!env.snapshotRecord)
    }

    @Test("DEVNET_URL without a path points at /rpc; an explicit path is kept")
    func devnetURL() throws {
        #expect(try LedgerQAEnvironment.parse(["DEVNET_URL": "http://127.0.0.1:8545"]).devnetURL == "http://127.0.0.1:8545/rpc")
        #expect(try LedgerQAEnvironment.parse(["DEVNET_URL": "http://127.0.0.1:8545/"]).devnetURL == "http://127.0.0.1:8545/rpc")
        #expect(try LedgerQAEnvironment.parse(["DEVNET_URL": "https://node.example/v1"]).devnetURL == "https://node.example/v1")
    }

    @Test("a malformed value stops the run with the variable's name and the expected form", arguments: [
        ("DEVNET_URL", "localhost:8545", "http(s) URL"), ("DEVNET_URL", "ftp://x", "http(s) URL"),
        ("DEVNET_ADMIN_KEY", "abc", "64 lowercase hex"), ("USE_KAFKA", "maybe", "true or false"),
        ("SNAPSHOT_RECORD", "2", "true or false"), ("DEVNET_STRICT_SPEC", "strict", "true or false"),
        ("DEVNET_FAULTS", "503=2", "latency=<n>ms"), ("DEVNET_PLANT", "skip:pool.timelok", "skip:<rule>"),
    ])
    func malformed(variable: String, value: String, expected: String) {
        #expect {
            try LedgerQAEnvironment.parse([variable: value])
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.variable == variable && error.description.contains(variable) && error.description.contains(expected)
        }
    }

    @Test("flags accept true/false, 1/0, yes/no and on/off")
    func flags() throws {
        for (text, value) in [("1", true), ("TRUE", true), ("yes", true), ("on", true), ("0", false), ("false", false), ("no", false), ("off", false)] {
            #expect(try LedgerQAEnvironment.parse(["USE_KAFKA": text]).useKafka == value, "USE_KAFKA=\(text)")
        }
    }

    @Test("the admin key is read from its hex seed")
    func adminKey() throws {
        let seed = String(repeating: "0a", count: 32)
        let env = try LedgerQAEnvironment.parse(["DEVNET_ADMIN_KEY": seed])
        #expect(env.adminKey?.seedHex == seed)
    }

    @Test("DEVNET_STRICT_SPEC, DEVNET_FAULTS and DEVNET_PLANT set how the embedded devnet boots")
    func embeddedDevnet() throws {
        #expect(try LedgerQAEnvironment.parse([:]).embeddedDevnet == DevnetOptions())
        let env = try LedgerQAEnvironment.parse(["DEVNET_STRICT_SPEC": "1", "DEVNET_FAULTS": "drop-after-include=5%,jitter=100ms",
            "DEVNET_PLANT": "gas:pool.exit:3:+1000,skip:pool.timelock"])
        #expect(env.embeddedDevnet.strictSpec && env.embeddedDevnet.faultSwitch)
        #expect(env.embeddedDevnet.faults.dropAfterInclude == 0.05 && env.embeddedDevnet.faults.jitter == .milliseconds(100))
        #expect(env.embeddedDevnet.plants == [.gas(call: "pool.exit", fromUse: 3, delta: 1_000), .skip(.poolTimelock)])
    }
}
