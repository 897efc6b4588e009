import Foundation
import Networks

extension StepRunner {
    /// Reads the config, workers and data files (any malformed one stops here, before the
    /// network is touched), then prepares the run on the network: its state (a fresh one, or the
    /// saved one to resume; `reset` collects the old run's accounts and deletes its state),
    /// the worker servers, the workers' keys, and their funding.
    static func provision(config file: URL, name defaultName: String, reset: Bool) async throws -> StepRunner {
        let configuration = try await StepsConfiguration.load(file)
        let specs = try WorkersFile.load(configuration.workersFile)
        let environment = try await EnvironmentSources.load(configDirectory: configuration.folder)
        let data = try DataFiles.load(configuration)
        let rounds = try Self.rounds(configuration, data)
        var resolved: [String: [String: String]] = [:]
        var givenKeys: [String: [String: KeyPair]] = [:]
        let workersFile = configuration.workersFile.path
        for spec in specs {
            resolved[spec.name] = try Self.environment(of: spec, from: environment, file: workersFile)
            givenKeys[spec.name] = try Self.givenKeys(of: spec, from: environment, file: workersFile)
        }

        let connection = try await Network.shared.connection()
        let name = Self.fileSafe(configuration.name ?? defaultName)
        let home = Keystore.defaultRoot.deletingLastPathComponent()
        let network = "\(connection.info.chainID)-\(connection.info.genesisHash.prefix(16))"
        let stateFile = home.appendingPathComponent("steps/\(network)/\(name)/state.json")
        let stamp = Int(Date().timeIntervalSince1970)
        let log = StepLog(url: home.appendingPathComponent("logs/\(stamp)-steps-\(name)-\(getpid())/steps.log"))
        // Values from the environment and key seeds are secrets; literal `env` values are not.
        log.addSecrets(specs.flatMap { spec in spec.envVars.keys.compactMap { resolved[spec.name]?[$0] } }
            + givenKeys.values.flatMap(\.values).map(\.seedHex))
        let main = try await RunAccounts(run: name, connection: connection)

        if reset {
            let collected = await main.collectAll(log: log)
            try? FileManager.default.removeItem(at: stateFile)
            log.write("RUN_RESET", ["state": stateFile.path, "collected_nat": Units.natText(collected.nat)])
        }
        var state = try RunnerState.load(stateFile) ?? RunnerState(run: name, rounds: rounds)
        if state.finished {
            log.write("RUN_NEW", ["reason": "\"the saved run finished\"", "state": stateFile.path])
            state = RunnerState(run: name, rounds: rounds)
        }
        try state.save(stateFile)

        var servers: [WorkerServer] = []
        do {
            var workers: [Worker] = []
            var accounts = [main]
            let withServers = specs.filter { $0.server != nil }.map(\.name)
            for spec in specs {
                var server: WorkerServer?
                if let command = spec.server {
                    let chosen = try spec.port ?? configuration.basePort.map { $0 + (withServers.firstIndex(of: spec.name) ?? 0) } ?? WorkerServer.freePort()
                    let started = try await WorkerServer.start(command: command, port: chosen, health: spec.health,
                        environment: resolved[spec.name] ?? [:], logFile: log.url.deletingLastPathComponent().appendingPathComponent("server-\(spec.name).log"),
                        timeout: .seconds(spec.startTimeout))
                    servers.append(started)
                    log.write("SERVER_UP", ["worker": spec.name, "port": "\(chosen)", "pid": "\(started.processIdentifier)", "command": "\"\(started.command)\""])
                    server = started
                }
                var workerConnection = connection
                var workerAccounts = main
                if let template = spec.devnetURL {
                    workerConnection = try await Connection.open(url: WorkerServer.expand(template, port: server?.port ?? 0))
                    let hash = workerConnection.info.genesisHash
                    if let known = accounts.first(where: { $0.context.info.genesisHash == hash }) {
                        workerAccounts = known
                    } else {
                        workerAccounts = try await RunAccounts(run: name, connection: workerConnection)
                        accounts.append(workerAccounts)
                    }
                }
                var keys = givenKeys[spec.name] ?? [:]
                for (role, variable) in spec.keypairs where variable == nil { keys[role] = try workerAccounts.key("worker.\(spec.name).\(role)") }
                let worker = Worker(name: spec.name, connection: workerConnection, server: server, keys: keys,
                    environment: resolved[spec.name] ?? [:], vars: spec.vars)
                if !state.funded.contains(workerConnection.info.genesisHash) {
                    try await workerAccounts.fund(worker.address, nat: spec.nat, und: spec.und)
                }
                workers.append(worker)
            }
            state.funded.formUnion(accounts.map(\.context.info.genesisHash))
            try state.save(stateFile)
            log.write("RUN_OPEN", ["run": name, "network": network, "workers": workers.map(\.name).joined(separator: ","),
                "round": "\(state.round)/\(state.rounds)", "state": stateFile.path])
            return StepRunner(name: name, configuration: configuration, connection: connection, stateFile: stateFile, workers: workers,
                data: data, accounts: accounts, servers: servers, log: log, state: state)
        } catch {
            for server in servers { await server.stop() }
            log.write("RUN_NOT_OPENED", ["error": "\"\(error)\""])
            log.close()
            throw error
        }
    }

    /// Ends this process's part of the run: stops the worker servers; collects the accounts when
    /// the run finished (or never began), else leaves them funded for the resume. Returns the log.
    func finish() async -> String {
        for server in servers { await server.stop() }
        let state = mutable.withLock { $0.state }
        if state.finished || !mutable.withLock({ $0.ran }) && state.round == 1 && state.steps.isEmpty {
            for accounts in self.accounts { _ = await accounts.collectAll(log: log) }
            if !state.finished { try? FileManager.default.removeItem(at: stateFile) }
        } else {
            log.write("RUN_STOPPED", ["round": "\(state.round)", "completed": state.steps.keys.sorted().joined(separator: ","),
                "note": "\"the workers keep their funds; rerunning resumes here, LEDGERQA_RESET=1 collects them and starts over\""])
        }
        log.close()
        return log.text()
    }

    /// `rounds`, else one per record of `rounds_collection`, capped by `max_rounds`; else 1.
    static func rounds(_ c: StepsConfiguration, _ data: DataFiles) throws -> Int {
        var rounds = c.rounds ?? 1
        if let collection = c.roundsCollection {
            rounds = switch collection {
            case "creators": data.creators.count
            case "accounts": data.accounts.count
            default: data.agents.count
            }
            guard rounds > 0 else {
                throw StepsFileError(file: c.file.path, field: "rounds_collection", problem: "collection \(collection) has no record, so the run would have no round")
            }
        }
        return min(rounds, c.maxRounds ?? rounds)
    }

    /// The worker's `env_vars` resolved, plus its literal `env`.
    static func environment(of spec: WorkerSpec, from sources: EnvironmentSources, file: String) throws(StepsFileError) -> [String: String] {
        var values = spec.env
        for (name, variable) in spec.envVars.sorted(by: { $0.key < $1.key }) {
            guard let value = sources.value(variable) else {
                throw StepsFileError(file: file, record: "worker \"\(spec.name)\"", field: "env_vars.\(name)",
                    problem: "names \(variable), which is not set in \(sources.searched)")
            }
            values[name] = value
        }
        return values
    }

    /// Keys whose variable is named in `keypairs`: a 64-hex seed, or the path of a file holding one.
    static func givenKeys(of spec: WorkerSpec, from sources: EnvironmentSources, file: String) throws(StepsFileError) -> [String: KeyPair] {
        var keys: [String: KeyPair] = [:]
        for case let (role, variable?) in spec.keypairs {
            func fail(_ problem: String) -> StepsFileError {
                StepsFileError(file: file, record: "worker \"\(spec.name)\"", field: "keypairs.\(role)", problem: problem)
            }
            guard let value = sources.value(variable) else { throw fail("names \(variable), which is not set in \(sources.searched)") }
            let seed = value.allSatisfy(\.isHexDigit) ? value : FileManager.default.contents(atPath: value).map { String(decoding: $0, as: UTF8.self) }
            guard let seed, let key = try? KeyPair(seedHex: seed) else {
                throw fail("\(variable) holds neither a 64-hex seed nor the path of a readable key file")
            }
            keys[role] = key
        }
        return keys
    }

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }
}

extension Connection {
    /// A connection to another endpoint (a worker's `devnet_url`), without an admin key.
    static func open(url: String) async throws -> Connection {
        let rpc = RPCClient(transport: CurlTransport(url: url))
        return Connection(url: url, rpc: rpc, info: try await NativeChain(rpc: rpc).info(), isEmbedded: false, adminKey: nil)
    }
}
