import Fixtures
import Foundation
import Networks
import Testing

/// Every malformed config, workers or data file stops the run before it touches the network,
/// with a message naming the file, the record and the field.
@Suite("Steps: malformed files")
struct MalformedFileTests {
    @Test("a malformed file stops the run with a message naming the file, record and field, and changes nothing",
        .timeLimit(.minutes(5)), arguments: MalformedCase.all)
    func malformed(_ c: MalformedCase) async throws {
        let journey = try TempJourney(c.files, config: c.config)
        defer { journey.remove() }
        let error = await #expect(throws: (any Error).self) { try await journey.provide {} }
        let message = error.map { "\($0)" } ?? ""
        for fragment in c.expected {
            #expect(message.contains(fragment), "expected \"\(fragment)\" in: \(message)")
        }
        #expect(!FileManager.default.fileExists(atPath: try await journey.stateFolder().path), "no state was written")
    }

    @Test("a state file that is not JSON stops the run naming it; LEDGERQA_RESET=1 or reset: starts over", .timeLimit(.minutes(5)))
    func brokenState() async throws {
        let journey = try TempJourney(MalformedCase.base)
        defer { journey.remove() }
        let folder = try await journey.stateFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{\"format\": 1, \"round\": ".write(to: folder.appendingPathComponent("state.json"), atomically: true, encoding: .utf8)
        let error = await #expect(throws: StepsFileError.self) { try await journey.provide {} }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("\(folder.path)/state.json: is not valid JSON") && message.contains("LEDGERQA_RESET=1 starts the run over"), "\(message)")
        try await journey.provide(reset: true) {
            try await StepRunner.current.run([Step("one", "", worker: "alpha", execute: { _, _, _ in })])
        }
    }
}

/// One malformed journey: its files (over a valid base) and what the error must say.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let files: [String: String]
    let config: String
    let expected: [String]

    var testDescription: String { name }

    static let base = ["config.json": #"{"rounds": 1}"#, "workers.json": #"{"alpha": {}}"#]
    static let creatorsConfig = #"""
        {"rounds": 1, "creator_keys": {"key_price": "1 NAT", "creator_bps": 9000, "protocol_bps": 1000},
         "collections": {"creators": {"data_file": "creators.json", "required_count": 1}}}
        """#

    static func config(_ name: String, _ json: String, _ expected: [String]) -> MalformedCase {
        MalformedCase(name: name, files: base.merging(["config.json": json]) { $1 }, config: "config.json", expected: ["config.json"] + expected)
    }

    static func yaml(_ name: String, _ yaml: String, _ expected: [String]) -> MalformedCase {
        MalformedCase(name: name, files: base.merging(["config.yaml": yaml]) { $1 }, config: "config.yaml", expected: ["config.yaml"] + expected)
    }

    static func workers(_ name: String, _ json: String, _ expected: [String], env: String? = nil) -> MalformedCase {
        var files = base.merging(["workers.json": json]) { $1 }
        if let env { files[".env"] = env }
        return MalformedCase(name: name, files: files, config: "config.json", expected: expected)
    }

    static func data(_ name: String, _ file: String, _ json: String, _ expected: [String], config: String = creatorsConfig) -> MalformedCase {
        MalformedCase(name: name, files: base.merging(["config.json": config, "data/\(file)": json]) { $1 }, config: "config.json",
            expected: [file] + expected)
    }

    static let all: [MalformedCase] = [
        config("config.json is not JSON", #"{"rounds": 1,"#, ["is not valid JSON: expected a string key at byte 13"]),
        config("rounds is not a number", #"{"rounds": "three"}"#, [#"field "rounds""#, "expected a whole number"]),
        config("max_rounds below 1", #"{"rounds": 1, "max_rounds": 0}"#, [#"field "max_rounds""#, "0 is out of range; expected 1 to 100000"]),
        config("both rounds and rounds_collection", #"{"rounds": 2, "rounds_collection": "accounts", "collections": {"accounts": {"data_file": "a.json", "required_count": 0}}}"#,
            [#"field "rounds""#, "set either rounds or rounds_collection"]),
        config("rounds_collection names no configured collection", #"{"rounds_collection": "creatorz"}"#,
            [#"field "rounds_collection""#, #""creatorz" is not a collection with a data_file"#]),
        config("a collection without required_count", #"{"collections": {"accounts": {"data_file": "accounts.json"}}}"#,
            [#"field "collections.accounts.required_count""#, "missing"]),
        config("creators without a key price", #"{"collections": {"creators": {"required_count": 0}}}"#,
            [#"field "creator_keys.key_price""#, "missing; the creators collection needs the instance's key price"]),
        config("a protocol fee above SPEC's cap", #"{"creator_keys": {"key_price": "1 NAT", "creator_bps": 4000, "protocol_bps": 6000}}"#,
            [#"field "creator_keys.protocol_bps""#, "6000 is above SPEC 4's cap of 5000"]),
        config("fee shares that do not sum to 10000", #"{"creator_keys": {"key_price": "1 NAT", "creator_bps": 9000, "protocol_bps": 500}}"#,
            [#"field "creator_keys.creator_bps""#, "creator_bps + protocol_bps is 9500; SPEC 4 needs 10000"]),
        config("a key price in the wrong unit", #"{"creator_keys": {"key_price": "1 UND", "creator_bps": 9000, "protocol_bps": 1000}}"#,
            [#"field "creator_keys.key_price""#, #"expected an amount of NAT"#, #"not "1 UND""#]),
        config("an unknown curve", #"{"creator_keys": {"key_price": "1 NAT", "creator_bps": 9000, "protocol_bps": 1000, "curve": "cubic"}}"#,
            [#"field "creator_keys.curve""#, #""cubic" is not flat, linear or quadratic"#]),
        yaml("a YAML config that is a list", "- rounds\n- 2\n", ["is not a valid YAML object"]),
        yaml("a YAML rounds that is not a number", "rounds: many\n", [#"field "rounds""#, "expected a whole number"]),

        workers("workers.json is not JSON", #"{"alpha": "#, ["workers.json", "is not valid JSON"]),
        workers("workers.json is an array", "[]", ["workers.json", "expected an object of worker name → worker, got array"]),
        workers("a worker name with a space", #"{"al pha": {}}"#, ["workers.json", #"worker "al pha""#, "letters, digits, _ and -"]),
        workers("a misspelled worker field", #"{"alpha": {"env_var": {}}}"#, ["workers.json", #"worker "alpha""#, #"field "env_var""#, "unknown field"]),
        workers("a key role that names no variable", #"{"alpha": {"keypairs": {"main": 5}}}"#,
            ["workers.json", #"worker "alpha""#, #"field "keypairs.main""#, "name of the environment variable"]),
        workers("an env_vars value that is not a string", #"{"alpha": {"env_vars": {"API_KEY": 1}}}"#,
            ["workers.json", #"worker "alpha""#, #"field "env_vars.API_KEY""#, "expected a string, got number"]),
        workers("a negative amount of funds", #"{"alpha": {"funds": {"nat": "-1"}}}"#,
            ["workers.json", #"worker "alpha""#, #"field "funds.nat""#, "expected an amount of NAT"]),
        workers("a port without a server", #"{"alpha": {"port": 5000}}"#, ["workers.json", #"field "port""#, #"add "server""#]),
        workers("a start_timeout of 0", #"{"alpha": {"server": "true", "start_timeout": 0}}"#, [#"field "start_timeout""#, "out of range"]),
        workers("env_vars naming a variable nobody set", #"{"alpha": {"env_vars": {"API_KEY": "LEDGERQA_SURELY_UNSET_VARIABLE"}}}"#,
            ["workers.json", #"worker "alpha""#, #"field "env_vars.API_KEY""#,
             "names LEDGERQA_SURELY_UNSET_VARIABLE, which is not set in the environment", ".env"]),
        workers("a key variable holding no key", #"{"alpha": {"keypairs": {"main": "ALPHA_KEY"}}}"#,
            ["workers.json", #"worker "alpha""#, #"field "keypairs.main""#, "ALPHA_KEY holds neither a 64-hex seed nor the path of a readable key file"],
            env: "ALPHA_KEY=not-a-key\n"),

        data("a data file that is not JSON", "creators.json", "[{", ["is not valid JSON"]),
        data("a data file that is not an array", "creators.json", #"{"handle": "alice_keys"}"#, ["expected an array of creators records, got object"]),
        data("a handle with an uppercase letter", "creators.json", #"[{"handle": "alice_keys"}, {"handle": "Bob_keys"}]"#,
            [#"record 2 ("Bob_keys")"#, #"field "handle""#, "has a character outside [a-z0-9_] (SPEC 4)"]),
        data("a handle too short", "creators.json", #"[{"handle": "ab"}]"#, [#"record 1 ("ab")"#, #"field "handle""#, "SPEC 4 allows 3 to 32"]),
        data("a handle that is a number", "creators.json", #"[{"handle": 5}]"#, ["record 1", #"field "handle""#, "expected a string, got number"]),
        data("a misspelled record field", "creators.json", #"[{"handel": "alice_keys"}]"#, ["record 1", #"field "handel""#, "unknown field"]),
        data("the same handle twice", "creators.json", #"[{"handle": "alice_keys"}, {"handle": "alice_keys"}]"#,
            [#"record 2 ("alice_keys")"#, #"field "handle""#, "is also the handle of record 1"]),
        data("fewer records than required_count", "creators.json", #"[{"handle": "alice_keys"}, {"handle": "bob_keys"}]"#,
            ["has 2 creators records; config.json requires at least 3 (collections.creators.required_count)"],
            config: creatorsConfig.replacingOccurrences(of: #""required_count": 1"#, with: #""required_count": 3"#)),
        data("an agent without fee_bips", "agents.json", #"[{"label": "bridge"}]"#, [#"record 1 ("bridge")"#, #"field "fee_bips""#, "missing"],
            config: #"{"collections": {"agents": {"data_file": "agents.json", "required_count": 1}}}"#),
        data("an account balance in the wrong unit", "accounts.json", #"[{"label": "carol", "und": "5 NAT"}]"#,
            [#"record 1 ("carol")"#, #"field "und""#, "expected an amount of UND"],
            config: #"{"collections": {"accounts": {"data_file": "accounts.json", "required_count": 1}}}"#),
        MalformedCase(name: "a data file that does not exist",
            files: base.merging(["config.json": #"{"collections": {"accounts": {"data_file": "nope.json", "required_count": 0}}}"#]) { $1 },
            config: "config.json", expected: ["data/nope.json", "cannot be read; collections.accounts.data_file names it"]),
        MalformedCase(name: "a config file that does not exist", files: ["workers.json": "{}"], config: "config.json",
            expected: ["config.json", "does not exist"]),
    ]
}
