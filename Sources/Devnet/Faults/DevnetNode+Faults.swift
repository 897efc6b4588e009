/// The fault switch from Swift, for in-process tests (the same switch as `--faults`,
/// `--plant`, `DEVNET_FAULTS`, `DEVNET_PLANT` and the admin's `devnet.set_faults`).
extension DevnetNode {
    /// Switches the HTTP faults (`.none` turns them off); the generator restarts from their seed.
    public func setFaults(_ faults: HTTPFaults) { faultInjector.set(faults) }

    /// Plants `bugs` instead of the ones in force (`[]` removes them); their counts start again.
    public func plant(_ bugs: [PlantedBug]) { ledger.withLock { $0.plants.set(bugs) } }

    /// The bugs planted now.
    public var plantedBugs: [PlantedBug] { ledger.withLock { $0.plants.bugs } }

    /// The HTTP faults injected so far.
    public var faultCounts: FaultCounts { faultInjector.counts }
}

extension EmbeddedDevnetServer {
    /// Switches the HTTP faults of the server's node.
    public func setFaults(_ faults: HTTPFaults) { node.setFaults(faults) }

    /// Plants `bugs` in the server's node.
    public func plant(_ bugs: [PlantedBug]) { node.plant(bugs) }
}
