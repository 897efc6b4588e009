import Networks

/// `devnet.set_faults`: the run-time fault switch, an admin-only transaction (40,000 gas).
///
/// Args `{"faults"?: "<HTTPFaults spec>", "plant"?: "<PlantedBug spec>"}`; a switch left out
/// keeps its setting, `"off"` clears it. A malformed spec is invalid params naming the part
/// and the grammar. An extension: in strict mode it exists only when faults were asked for
/// at start (`DevnetOptions.runTimeFaultSwitch`).
enum DevnetContract {
    static let unauthorized = ContractError(contract: "devnet", code: 1, name: "Unauthorized")

    static let interface = ContractInterface(
        name: "devnet",
        writes: [
            WriteMethod(name: "set_faults", gas: 40_000,
                params: [ParamSpec("faults", .string, required: false), ParamSpec("plant", .string, required: false)]
            ) { p throws(RPCError) in
                let faults = try p.optionalString("faults").map { spec throws(RPCError) in try parse { () throws(FaultSpecError) in try HTTPFaults.parse(spec) } }
                let plants = try p.optionalString("plant").map { spec throws(RPCError) in try parse { () throws(FaultSpecError) in try PlantedBug.parse(spec) } }
                return { x throws(ContractError) in
                    guard x.sender == x.ledger.adminAddress else { throw unauthorized }
                    if let faults { x.ledger.faults.set(faults) }
                    if let plants { x.ledger.plants.set(plants) }
                    let state = x.ledger.faultState
                    x.ledger.events.stage(type: "FaultsChanged", resource: "devnet", timestamp: x.blockTime, data: state)
                    return state
                }
            }
        ],
        reads: []
    )

    static func parse<T>(_ body: () throws(FaultSpecError) -> T) throws(RPCError) -> T {
        do { return try body() } catch { throw invalidParams("\(error)") }
    }
}

extension Ledger {
    /// The faults and planted bugs in force, as `devnet_info.faults` and `set_faults` report them.
    var faultState: JSON {
        ["faults": .string(faults.faults.description), "plant": .string(plants.spec)]
    }

    /// Whether any fault or planted bug is active.
    var faultsActive: Bool { faults.faults.isActive || plants.isActive }
}
