extension LoadReportDocument {
    /// The settings the case ran with (`LoadRunSettings`). The seed is a decimal string: it
    /// may exceed what a JSON number carries exactly.
    public struct Settings: Sendable, Equatable, Codable {
        public var seed: String
        public var users: Int
        public var durationSeconds: Double
        public var mix: String
        public var actions: [String]
        /// The JSON-RPC endpoint without credentials or query.
        public var target: String
        public var executor: String
        /// The thresholds as written, built-in ones included.
        public var thresholds: [String]

        enum CodingKeys: String, CodingKey {
            case seed, users, mix, actions, target, executor, thresholds
            case durationSeconds = "duration_seconds"
        }
    }

    /// How the case ended: `completed`, `interrupted` (with the signals that arrived) or
    /// `aborted` (with the abort-on-fail threshold that ended it).
    public struct Outcome: Sendable, Equatable, Codable {
        public var status: String
        /// The outcome as a sentence: `interrupted (2 signals)`.
        public var description: String
        public var signals: Int?
        public var threshold: String?

        public init(_ outcome: RunOutcome) {
            status = outcome.name
            description = outcome.description
            switch outcome {
            case .completed: break
            case .interrupted(let n): signals = n
            case .aborted(let expression): threshold = expression
            }
        }
    }

    /// How to replay the run's choices: every user draws from the seed plus its index.
    public struct Replay: Sendable, Equatable, Codable {
        public var seed: String
        /// `LOAD_SEED=<seed> swift test --filter Load`.
        public var command: String

        public init(seed: UInt64) {
            self.seed = String(seed)
            command = "LOAD_SEED=\(seed) swift test --filter Load"
        }
    }
}
