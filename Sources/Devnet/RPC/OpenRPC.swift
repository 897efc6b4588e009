import Networks

/// The `rpc.discover` document: every node method, and every contract method under `x-contracts`.
enum OpenRPC {
    static let document: JSON = {
        let methods: [JSON] = RPCMethods.all.map { m in
            [
                "name": .string(m.name), "summary": .string(m.summary), "paramStructure": "by-name",
                "params": .array(m.params.map(param)),
                "result": ["name": "result", "schema": ["description": .string(m.result)]],
                "errors": .array(m.errors.map { ["code": .int(Int64($0))] }),
            ]
        }
        let contracts: [(String, ContractInterface)] = [
            ("native", NativeContract.interface), ("deployer", DeployerContract.interface),
            ("creator_keys", CreatorKeysContract.interface), ("asset_manager", AssetManagerContract.interface),
            ("collateral_pool", PoolContract.interface), ("fund", FundContract.interface),
            ("scheduler", SchedulerContract.interface),
        ]
        var described: [String: JSON] = [:]
        for (name, interface) in contracts {
            described[name] = [
                "writes": .array(interface.writes.values.sorted { $0.name < $1.name }.map { w in
                    ["name": .string(w.name), "gas": .int(w.gas), "params": .array(w.params.map(param))]
                }),
                "reads": .array(interface.reads.values.sorted { $0.name < $1.name }.map { r in
                    ["name": .string(r.name), "params": .array(r.params.map(param))]
                }),
            ]
        }
        return [
            "openrpc": "1.2.6",
            "info": ["title": "LedgerQA devnet", "version": "1"],
            "methods": .array(methods),
            "x-contracts": .object(described),
        ]
    }()

    static func param(_ p: ParamSpec) -> JSON {
        ["name": .string(p.name), "required": .bool(p.required), "schema": p.type.schema]
    }
}
