import Foundation

/// `report.json`: a load case's report as a file, the form a later merge of several shards'
/// runs reads back. Field names are stable snake_case, amounts are base units in decimal
/// strings, histograms are HdrHistogram's lossless encoding; `docs/report.schema.json`
/// documents every field. Encoding then decoding gives an equal document.
///
/// ```swift
/// let document = LoadReportDocument(report)
/// let data = try document.jsonData()
/// let back = try LoadReportDocument.decode(data)      // == document
/// let p99 = try back.total.latency.histogram()?.percentile(99)
/// ```
public struct LoadReportDocument: Sendable, Equatable, Codable {
    /// The version of this layout; a reader refuses versions it does not know.
    public static let schemaVersion = 1

    public var schema: Int
    /// The run the case belongs to (`reports/<run id>/`) and the case's label.
    public var runID: String
    public var label: String
    /// When the users started acting, ISO 8601 in UTC with milliseconds.
    public var startedAt: String
    /// The time the users acted, in seconds.
    public var elapsedSeconds: Double
    public var outcome: Outcome
    public var settings: Settings
    public var replay: Replay
    /// Per action, in the mix's order (built-in actions in table order, then custom ones).
    public var actions: [ActionFigures]
    /// Every action together.
    public var total: ActionFigures
    /// One bucket per second (per ten seconds after the first hour), without gaps.
    public var series: [Bucket]
    /// Arrival-rate iterations that found no idle user.
    public var dropped: Int
    /// How many mismatches there were, and the first ones in detail.
    public var mismatchCount: Int
    public var mismatches: [MismatchEntry]
    public var failureCount: Int
    public var failures: [FailureEntry]
    public var invariants: [InvariantEntry]
    public var thresholds: [ThresholdEntry]
    public var fees: Fees
    public var funds: FundsMoved
    public var poolTokensToPartners: BaseUnits
    /// Where the op log, the user logs and the text summary are.
    public var logDirectory: String
    /// A merged report of a distributed run: every shard, those that reported and those
    /// that never did (docs/distributed.md); nil for a single process's case.
    public var shards: Shards?

    enum CodingKeys: String, CodingKey {
        case schema, label = "case", outcome, settings, replay, actions, total, series, dropped, mismatches, failures, invariants, thresholds
        case fees, funds, shards
        case runID = "run_id", startedAt = "started_at", elapsedSeconds = "elapsed_seconds", mismatchCount = "mismatch_count"
        case failureCount = "failure_count", poolTokensToPartners = "pool_tokens_to_partners", logDirectory = "log_directory"
    }

    /// Why a file is not a report this version reads.
    public struct UnsupportedSchema: Error, CustomStringConvertible {
        public let found: Int
        public var description: String {
            "report.json has schema \(found); this LedgerQA reads schema \(LoadReportDocument.schemaVersion)"
        }
    }

    /// The JSON text of `report.json`: compact (an hour-long run's series is large; `jq .`
    /// shows it indented), keys sorted, slashes unescaped.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A document from `report.json`'s bytes; refuses a schema version other than this one.
    public static func decode(_ data: Data) throws -> LoadReportDocument {
        let document = try JSONDecoder().decode(LoadReportDocument.self, from: data)
        guard document.schema == schemaVersion else { throw UnsupportedSchema(found: document.schema) }
        return document
    }

    /// The document in the file at `url`.
    public static func read(from url: URL) throws -> LoadReportDocument {
        try decode(Data(contentsOf: url))
    }
}
