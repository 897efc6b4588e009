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
        let setups = try specs.map { spec throws(StepsFileError) in
            try WorkerSetup(spec, sources: environment, file: configuration.workersFile.path)
        }

        let connection = try await Network.shared.connection()
        let name = Self.fileSafe(configuration.name ?? defaultName)
        let home = Keystore.defaultRoot.deletingLastPathComponent()
        let network = "\(connection.info.chainID)-\(connection.info.genesisHash.prefix(16))"
        let stateFile = home.appendingPathComponent("steps/\(network)/\(name)/state.json")
        let stamp = Int(Date().timeIntervalSince1970)
        let log = StepLog(url: home.appendingPathComponent("logs/\(stamp)-steps-\(name)-\(getpid())/steps.log"))
        log.addSecrets(setups.flatMap(\.secrets))
        let main = try await RunAccounts(run: name, connection: connection)

        if reset {
            let collected = await main.collectAll(log: log)
            try? FileManager.default.removeItem(at: stateFile)
            log.write("RUN_RESET", ["state": stateFile.path, "collected_nat": Asset.nat.format(collected.nat)])
        }
        var state = try RunnerState.load(stateFile) ?? RunnerState(run: name, rounds: rounds)
        if state.finished {
            log.write("RUN_NEW", ["reason": "\"the saved run finished\"", "state": stateFile.path])
            state = RunnerState(run: name, rounds: rounds)
        }
        try state.save(stateFile)

        var workers: [Worker] = []
        do {
            var accounts = [main]
            // Servers take base_port, base_port + 1, ... in the order of their workers' names.
            let serving = setups.filter { $0.spec.server != nil }.map(\.spec.name)
            for setup in setups {
                let port = try setup.spec.server == nil ? nil
                    : setup.spec.port ?? configuration.basePort.map { $0 + (serving.firstIndex(of: setup.spec.name) ?? 0) } ?? WorkerServer.freePort()
                workers.append(try await setup.open(port: port, connection: connection, accounts: &accounts, funded: state.funded, run: name, log: log))
            }
            state.funded.formUnion(accounts.map(\.context.info.genesisHash))
            try state.save(stateFile)
            log.write("RUN_OPEN", ["run": name, "network": network, "workers": workers.map(\.name).joined(separator: ","),
                "round": "\(state.round)/\(state.rounds)", "state": stateFile.path])
            return StepRunner(name: name, configuration: configuration, connection: connection, stateFile: stateFile, workers: workers,
                data: data, accounts: accounts, servers: workers.compactMap(\.server), log: log, state: state)
        } catch {
            for server in workers.compactMap(\.server) { await server.stop() }
            log.write("RUN_NOT_OPENED", ["error": "\"\(error)\""])
            log.close()
            throw error
        }
    }

    /// Ends this process's part of the run: collects the accounts when the run finished (or never
    /// began), else leaves them funded for the resume; then stops the worker servers (after the
    /// collection, which may need a worker's own network). Returns the step log.
    func finish() async -> String {
        let state = mutable.withLock { $0.state }
        if state.finished || !mutable.withLock({ $0.ran }) && state.round == 1 && state.steps.isEmpty {
            for accounts in self.accounts { _ = await accounts.collectAll(log: log) }
            if !state.finished { try? FileManager.default.removeItem(at: stateFile) }
        } else {
            log.write("RUN_STOPPED", ["round": "\(state.round)", "completed": state.steps.keys.sorted().joined(separator: ","),
                "note": "\"the workers keep their funds; rerunning resumes here, LEDGERQA_RESET=1 collects them and starts over\""])
        }
        for server in servers { await server.stop() }
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

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }
}
