/// How a devnet behaves beyond its genesis: strict SPEC mode, and the fault switch for the
/// harness's own tests. The defaults are a plain devnet: extensions on, no faults.
public struct DevnetOptions: Sendable, Equatable {
    /// Answer only what SPEC sections 1-9 define: no extra methods, no extra result fields
    /// (docs/API.md "Strict mode").
    public var strictSpec = false
    /// Faults of the HTTP front (and the in-process transport).
    public var faults = HTTPFaults.none
    /// Protocol bugs planted on purpose.
    public var plants: [PlantedBug] = []
    /// Whether the fault switch was asked for at start (a `--faults` or `--plant` flag, or
    /// `DEVNET_FAULTS` / `DEVNET_PLANT`): in strict mode the run-time switch exists only then.
    public var faultSwitch = false
    /// Events kept for `events_since`; older ones are dropped (docs/API.md "Retention").
    public var retainedEvents = DevnetOptions.defaultRetainedEvents
    /// Receipts and underlying transactions kept (each); older ones are dropped.
    public var retainedTransactions = DevnetOptions.defaultRetainedTransactions

    public static let defaultRetainedEvents = 1_000_000
    public static let defaultRetainedTransactions = 1_000_000

    public init(strictSpec: Bool = false, faults: HTTPFaults = .none, plants: [PlantedBug] = [], faultSwitch: Bool = false,
        retainedEvents: Int = DevnetOptions.defaultRetainedEvents, retainedTransactions: Int = DevnetOptions.defaultRetainedTransactions)
    {
        self.strictSpec = strictSpec
        self.faults = faults
        self.plants = plants
        self.faultSwitch = faultSwitch
        self.retainedEvents = max(1, retainedEvents)
        self.retainedTransactions = max(1, retainedTransactions)
    }

    /// Whether `devnet.set_faults` exists: always outside strict mode, in strict mode only
    /// when faults were asked for at start.
    public var runTimeFaultSwitch: Bool { !strictSpec || faultSwitch || faults.isActive || !plants.isEmpty }
}
