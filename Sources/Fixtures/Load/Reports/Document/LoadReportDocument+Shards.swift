extension LoadReportDocument {
    /// The shards of a distributed run whose reports were merged into this one.
    public struct Shards: Sendable, Equatable, Codable {
        /// How many shards the run had.
        public var count: Int
        public var reported: [ReportedShard]
        /// Shards whose final report never arrived: their figures are not in this report.
        public var missing: [MissingShard]
    }

    /// A shard whose report is part of the merged one.
    public struct ReportedShard: Sendable, Equatable, Codable {
        public var index: Int
        public var users: Int
        public var ended: Int
        /// `completed`, `interrupted` or `aborted`.
        public var outcome: String
        public var host: String?
        public var logDirectory: String

        enum CodingKeys: String, CodingKey {
            case index, users, ended, outcome, host
            case logDirectory = "log_directory"
        }
    }

    /// A shard that never reported, and what is known of it.
    public struct MissingShard: Sendable, Equatable, Codable {
        public var index: Int
        public var reason: String
    }
}
