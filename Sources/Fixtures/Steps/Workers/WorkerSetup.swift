import Foundation
import Networks

/// A worker as the files describe it, its environment resolved: `env_vars` from the process
/// environment and `.env` files, keys given through variables. Resolving fails before the
/// network is touched; `open` then brings the worker up for a run.
struct WorkerSetup {
    let spec: WorkerSpec
    let environment: [String: String]
    let givenKeys: [String: KeyPair]

    /// What must never reach the step log: values taken from the environment and key seeds
    /// (literal `env` values are not secret).
    var secrets: [String] { spec.envVars.keys.compactMap { environment[$0] } + givenKeys.values.map(\.seedHex) }

    init(_ spec: WorkerSpec, sources: EnvironmentSources, file: String) throws(StepsFileError) {
        func fail(_ field: String, _ problem: String) -> StepsFileError {
            StepsFileError(file: file, record: "worker \"\(spec.name)\"", field: field, problem: problem)
        }
        var environment = spec.env
        for (name, variable) in spec.envVars.sorted(by: { $0.key < $1.key }) {
            guard let value = sources.value(variable) else { throw fail("env_vars.\(name)", "names \(variable), which is not set in \(sources.searched)") }
            environment[name] = value
        }
        var keys: [String: KeyPair] = [:]
        for case let (role, variable?) in spec.keypairs {
            guard let value = sources.value(variable) else { throw fail("keypairs.\(role)", "names \(variable), which is not set in \(sources.searched)") }
            // A 64-hex seed, or the path of a file holding one (seed 001 names key files).
            let seed = value.allSatisfy(\.isHexDigit) ? value : FileManager.default.contents(atPath: value).map { String(decoding: $0, as: UTF8.self) }
            guard let seed, let key = try? KeyPair(seedHex: seed) else {
                throw fail("keypairs.\(role)", "\(variable) holds neither a 64-hex seed nor the path of a readable key file")
            }
            keys[role] = key
        }
        self.spec = spec
        self.environment = environment
        givenKeys = keys
    }

    /// Starts the worker's server on `port` (when it has one), connects to its network (its
    /// `devnet_url`, else `connection`), loads or generates its keys and funds it once per run
    /// and network. A server started here is stopped again if anything after it fails.
    func open(port: Int?, connection: Connection, accounts: inout [RunAccounts], funded: Set<String>, run: String, log: StepLog)
        async throws -> Worker
    {
        var server: WorkerServer?
        if let command = spec.server, let port {
            let started = try await WorkerServer.start(command: command, port: port, health: spec.health, environment: environment,
                logFile: log.url.deletingLastPathComponent().appendingPathComponent("server-\(spec.name).log"), timeout: .seconds(spec.startTimeout))
            log.write("SERVER_UP", ["worker": spec.name, "port": "\(port)", "pid": "\(started.processIdentifier)", "command": "\"\(started.command)\""])
            server = started
        }
        do {
            var network = connection
            if let template = spec.devnetURL { network = try await Connection.open(url: WorkerServer.expand(template, port: server?.port ?? 0)) }
            let owner: RunAccounts
            if let known = accounts.first(where: { $0.context.info.genesisHash == network.info.genesisHash }) {
                owner = known
            } else {
                owner = try await RunAccounts(run: run, connection: network)
                accounts.append(owner)
            }
            var keys = givenKeys
            for (role, variable) in spec.keypairs where variable == nil { keys[role] = try owner.key("worker.\(spec.name).\(role)") }
            let worker = Worker(name: spec.name, connection: network, server: server, keys: keys, environment: environment, vars: spec.vars)
            if !funded.contains(network.info.genesisHash) { try await owner.fund(worker.address, nat: spec.nat, und: spec.und) }
            return worker
        } catch {
            await server?.stop()
            throw error
        }
    }
}

extension Connection {
    /// A connection to another endpoint (a worker's `devnet_url`), without an admin key.
    static func open(url: String) async throws -> Connection {
        let rpc = RPCClient(transport: CurlTransport(url: url))
        return Connection(url: url, rpc: rpc, info: try await NativeChain(rpc: rpc).info(), isEmbedded: false, adminKey: nil)
    }
}
