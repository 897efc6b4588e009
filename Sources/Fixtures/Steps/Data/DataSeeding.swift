import Foundation
import Networks

/// Loads a run's data files into the network through the API before round 1 (seed 001's
/// MongoDB load): creators registered on a fresh creator-keys instance, accounts funded with
/// their balances, private agents with their pools (bound to the test's `.controlSchedules`
/// tags when it has that trait). Then it counts what the network holds for each collection
/// and refuses fewer than `required_count`.
struct DataSeeding {
    let data: DataFiles
    let config: StepsConfiguration
    let connection: Connection
    let accounts: RunAccounts

    func seed() async throws -> SeededData {
        var seeded = SeededData()
        if let spec = config.creatorKeys, config.collections["creators"] != nil {
            let keys = try await deployCreatorKeys(spec)
            seeded.creatorKeys = keys.id
            for record in data.creators {
                let key = try accounts.key("data.creators.\(record.handle)")
                try await accounts.fund(key.address, nat: record.nat, und: 0)
                let account = Account(key: key, chain: connection.chain, chainID: connection.info.chainID)
                try await keys.registerCreator(handle: record.handle, by: account)
                seeded.creators.append(.init(handle: record.handle, address: key.address))
            }
        }
        for record in data.accounts {
            let key = try accounts.key("data.accounts.\(record.label)")
            try await accounts.fund(key.address, nat: record.nat, und: record.und)
            seeded.accounts.append(.init(label: record.label, address: key.address, underlyingAddress: key.underlyingAddress))
        }
        for record in data.agents {
            let created = try await createAgent(record)
            seeded.agents.append(.init(label: record.label, agent: created.agent, pool: created.pool, feeBips: record.feeBips))
        }
        try await checkCounts(seeded)
        return seeded
    }

    /// A fresh instance whose admin is a key of the run, priced as the config says.
    func deployCreatorKeys(_ spec: CreatorKeysSpec) async throws -> CreatorKeys {
        let key = try accounts.key("data.creator_keys.admin")
        try await accounts.fund(key.address, nat: 10 * Units.nat, und: 0)
        let admin = Account(key: key, chain: connection.chain, chainID: connection.info.chainID)
        let keys = try await CreatorKeys.deploy(by: admin)
        try await keys.setTestTimestamp(TestTimestamp.effective, by: admin)
        try await keys.setKeyPrice(spec.keyPrice, by: admin)
        try await keys.setFeeConfig(creatorBps: spec.creatorBps, protocolBps: spec.protocolBps, by: admin)
        if spec.curve != .flat || spec.slope != 0 { try await keys.setCurve(spec.curve, slope: spec.slope, by: admin) }
        return keys
    }

    /// Through `ScheduleControl` when the test controls schedules, else as the network's admin.
    func createAgent(_ r: DataFiles.AgentRecord) async throws -> CreatedAgent {
        if let control = ScheduleControl.bound {
            return try await control.createAgent(feeBips: r.feeBips, freeLots: r.freeLots, poolCollateral: r.poolCollateral,
                vaultCollateral: r.vaultCollateral, underlyingBalance: r.underlyingBalance)
        }
        let admin = try await Network.shared.fundedAdmin()
        let asset = AssetManager(chain: connection.chain, id: connection.info.contracts["asset_manager"] ?? "asset_manager")
        let receipt = try await admin.send(asset.createAgent(feeBips: r.feeBips, freeLots: r.freeLots, poolCollateral: r.poolCollateral,
            vaultCollateral: r.vaultCollateral, underlyingBalance: r.underlyingBalance))
        guard receipt.status == .success, let result = receipt.result else {
            throw StepRunnerError.seeding(collection: "agents", problem: "create_agent for \"\(r.label)\" reverted: \(receipt.error.map { "\($0)" } ?? "no error given")")
        }
        return try CreatedAgent(json: result)
    }

    /// What the network holds of each collection, read back through the API.
    func checkCounts(_ seeded: SeededData) async throws {
        for spec in config.collections.values.sorted(by: { $0.name < $1.name }) {
            var count = 0
            switch spec.name {
            case "creators":
                if let id = seeded.creatorKeys {
                    let keys = CreatorKeys(id: id, chain: connection.chain)
                    for creator in seeded.creators where (try? await keys.totalKeySupply(creator: creator.address)) != nil { count += 1 }
                }
            case "accounts":
                for (record, account) in zip(data.accounts, seeded.accounts) {
                    let nat = try await connection.chain.balance(of: account.address)
                    let und = try await UnderlyingChain(rpc: connection.rpc).balance(of: account.underlyingAddress)
                    if nat >= record.nat && und >= record.und { count += 1 }
                }
            default:
                let asset = AssetManager(chain: connection.chain, id: connection.info.contracts["asset_manager"] ?? "asset_manager")
                for agent in seeded.agents where (try? await asset.agent(agent.agent)) != nil { count += 1 }
            }
            guard count >= spec.requiredCount else {
                throw StepRunnerError.seeding(collection: spec.name, problem: "the network holds \(count) records after loading, "
                    + "\(config.file.lastPathComponent) requires at least \(spec.requiredCount)")
            }
        }
    }
}
