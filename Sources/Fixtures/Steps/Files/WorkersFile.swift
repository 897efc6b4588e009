import Foundation
import Networks

/// One worker as `workers.json` describes it (seed 001's worker configuration).
public struct WorkerSpec: Sendable, Equatable {
    public var name: String
    /// Key roles and, per role, the environment variable holding its 64-hex seed (or a file with
    /// it); `nil` means generated and kept in the keystore. Default: `["main": nil]`.
    public var keypairs: [String: String?]
    /// What the worker calls a variable → the variable of the environment or `.env` file holding it.
    public var envVars: [String: String]
    /// Literal environment values of the worker.
    public var env: [String: String]
    /// The worker's own JSON-RPC endpoint of the deployment (`{port}` is its server's port).
    public var devnetURL: String?
    /// A command the worker's server is started with (`{port}` and `{bin}` are replaced).
    public var server: String?
    /// The server's port; else `base_port` + the worker's index, else a free one.
    public var port: Int?
    /// The URL answering 200 once the server is up; default `http://127.0.0.1:{port}/health`.
    public var health: String
    /// How long the server may take to answer its health URL, in seconds (default 30).
    public var startTimeout: Int64
    /// What the funder gives the worker's main account at the start of a run.
    public var nat: Int128
    public var und: Int128
    /// The worker's own values, read with `worker.get(name)`.
    public var vars: [String: JSON]

    /// What a worker gets when its `funds` do not say: 100 NAT.
    public static let defaultNat = 100 * Units.nat
    static let fields = ["keypairs", "env_vars", "env", "devnet_url", "server", "port", "health", "start_timeout", "funds", "vars"]
}

/// Reads `workers.json`: an object of worker name → worker.
public enum WorkersFile {
    /// The workers, sorted by name; a malformed file throws naming the worker and the field.
    public static func load(_ url: URL) throws(StepsFileError) -> [WorkerSpec] {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw StepsFileError(file: file, problem: "cannot be read; the config's workers_config names it (default workers.json)")
        }
        let json: JSON
        do { json = try JSON.parse(Array(data)) } catch { throw StepsFileError(file: file, problem: "is not valid JSON: \(error)") }
        guard case .object(let workers) = json else {
            throw StepsFileError(file: file, problem: "expected an object of worker name → worker, got \(json.typeName)")
        }
        guard !workers.isEmpty else { throw StepsFileError(file: file, problem: "names no worker") }
        return try workers.keys.sorted().map { name throws(StepsFileError) in
            try worker(name, try FileRecord(file: file, record: "worker \"\(name)\"", json: workers[name] ?? .null))
        }
    }

    static func worker(_ name: String, _ r: FileRecord) throws(StepsFileError) -> WorkerSpec {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw r.error(nil, "a worker name is letters, digits, _ and -")
        }
        try r.onlyFields(WorkerSpec.fields)
        var nat = WorkerSpec.defaultNat
        var und: Int128 = 0
        if let json = r.object["funds"], !json.isNull {
            let f = try FileRecord(file: r.file, record: r.record, json: json)
            do {
                try f.onlyFields(["nat", "und"])
                nat = try f.optionalAmount("nat", as: .nat) ?? nat
                und = try f.optionalAmount("und", as: .und) ?? 0
            } catch {
                throw r.error(error.field.map { "funds.\($0)" } ?? "funds", error.problem)
            }
        }
        let port = try r.optionalInt("port", in: 1...65_535).map(Int.init)
        let server = try r.optionalString("server")
        let devnetURL = try r.optionalString("devnet_url")
        if port != nil, server == nil {
            throw r.error("port", "a port is for the worker's server; add \"server\" or remove \"port\"")
        }
        if devnetURL?.contains("{port}") == true, server == nil {
            throw r.error("devnet_url", "uses {port}, which only a worker with a \"server\" has")
        }
        var vars: [String: JSON] = [:]
        if let v = r.object["vars"], !v.isNull {
            guard case .object(let o) = v else { throw r.error("vars", "expected an object of the worker's own values, got \(v.typeName)") }
            vars = o
        }
        return WorkerSpec(name: name, keypairs: try keypairs(r), envVars: try r.optionalStringMap("env_vars") ?? [:],
            env: try r.optionalStringMap("env") ?? [:], devnetURL: devnetURL, server: server, port: port,
            health: try r.optionalString("health") ?? "http://127.0.0.1:{port}/health",
            startTimeout: try r.optionalInt("start_timeout", in: 1...3_600) ?? 30,
            nat: nat, und: und, vars: vars)
    }

    /// `{"main": "VAR", "staking": null}` or `["main", "staking"]`.
    static func keypairs(_ r: FileRecord) throws(StepsFileError) -> [String: String?] {
        guard let value = r.object["keypairs"], !value.isNull else { return ["main": nil] }
        var roles: [String: String?] = [:]
        switch value {
        case .array(let items):
            for (i, item) in items.enumerated() {
                guard case .string(let role) = item, !role.isEmpty else {
                    throw r.error("keypairs.\(i)", "expected a role name such as \"main\", got \(item.typeName)")
                }
                roles[role] = .some(nil)
            }
        case .object(let members):
            for (role, member) in members {
                switch member {
                case .null: roles[role] = .some(nil)
                case .string(let variable) where !variable.isEmpty: roles[role] = variable
                default:
                    throw r.error("keypairs.\(role)", "expected the name of the environment variable holding the key, or null to generate one")
                }
            }
        default:
            throw r.error("keypairs", "expected an object of role → environment variable, or an array of roles, got \(value.typeName)")
        }
        guard !roles.isEmpty else { throw r.error("keypairs", "names no role; leave it out for one generated \"main\" key") }
        return roles
    }
}
