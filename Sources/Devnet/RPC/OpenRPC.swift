import Networks

/// The `rpc.discover` document: every node method, and every contract method under `x-contracts`.
enum OpenRPC {
    /// The document of a node started with `options`: in strict mode only SPEC's methods and
    /// contract calls; `devnet` (the fault switch) while the run-time switch exists.
    static func document(for options: DevnetOptions) -> JSON {
        switch (options.strictSpec, options.runTimeFaultSwitch) {
        case (false, _): full
        case (true, false): strict
        case (true, true): strictWithFaultSwitch
        }
    }

    static let full = document(strict: false, faultSwitch: true)
    static let strict = document(strict: true, faultSwitch: false)
    static let strictWithFaultSwitch = document(strict: true, faultSwitch: true)

    static func document(strict: Bool, faultSwitch: Bool) -> JSON {
        let listed = RPCMethods.all.filter { !strict || StrictProfile.methods.contains($0.name) }
        let methods: [JSON] = listed.map { m in
            [
                "name": .string(m.name), "summary": .string(m.summary), "paramStructure": "by-name",
                "params": .array(m.params.map(param)),
                "result": ["name": "result", "schema": ["description": .string(m.result)]],
                "errors": .array(m.errors.map { ["code": .int(Int64($0))] }),
            ]
        }
        var described: [String: JSON] = [:]
        for interface in Ledger.allInterfaces where faultSwitch || interface.name != "devnet" {
            let name = interface.name
            let interface = strict && name != "devnet" ? StrictProfile.restrict(interface) : interface
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
    }

    static func param(_ p: ParamSpec) -> JSON {
        ["name": .string(p.name), "required": .bool(p.required), "schema": p.type.schema]
    }
}
