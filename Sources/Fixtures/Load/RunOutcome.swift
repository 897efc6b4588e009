/// How a load case ended.
public enum RunOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The users acted for the whole duration.
    case completed
    /// The operator stopped it (SIGINT or SIGTERM); `signals` says how many arrived.
    case interrupted(signals: Int)
    /// An abort-on-fail threshold failed while it ran.
    case aborted(threshold: String)

    /// `completed`, `interrupted` or `aborted`: the report's `outcome`.
    public var name: String {
        switch self {
        case .completed: "completed"
        case .interrupted: "interrupted"
        case .aborted: "aborted"
        }
    }

    public var description: String {
        switch self {
        case .completed: "completed"
        case .interrupted(let n): "interrupted (\(n) signal\(n == 1 ? "" : "s"))"
        case .aborted(let threshold): "aborted by threshold \(threshold)"
        }
    }
}

/// The settings one load case ran with, as its report records them.
public struct LoadRunSettings: Sendable, Hashable {
    public var runID: String
    public var seed: UInt64
    public var users: Int
    public var duration: Duration
    /// The mix's name and its actions after `LOAD_ACTIONS`.
    public var mix: String
    public var actions: [ActionName]
    /// The network's JSON-RPC endpoint without credentials or query (`http://host:port/rpc`).
    public var target: String
    /// `closed` (each user loops) or the arrival rate and its stages.
    public var executor: String
    /// The thresholds the case is judged by, as written.
    public var thresholds: [String]

    public init(runID: String, seed: UInt64, users: Int, duration: Duration, mix: String, actions: [ActionName], target: String,
        executor: String, thresholds: [String])
    {
        self.runID = runID
        self.seed = seed
        self.users = users
        self.duration = duration
        self.mix = mix
        self.actions = actions
        self.target = target
        self.executor = executor
        self.thresholds = thresholds
    }
}
