import Foundation

/// The Kafka topics of a distributed run. Every message is keyed by the run id, so one run's
/// messages share a partition and keep their order.
public enum ShardTopic {
    /// Shards announce themselves; shard 0 publishes the start time (or gives up).
    public static let runs = "ledgerqa.runs"
    /// Each shard's time series as it goes, then its whole series and final report.
    public static let reports = "ledgerqa.load-reports"
}

/// A message on `ledgerqa.runs`: `ready` (a shard provisioned its users for a case),
/// `start` (shard 0 saw every shard ready: all start acting at `start_at_ms`), `abort`
/// (shard 0 gave up waiting, naming the shards that never announced themselves).
struct RunAnnouncement: Codable, Sendable, Equatable {
    var kind: String
    var runID: String
    var label: String
    var shard: Int
    var shards: Int
    /// ready: this shard's users; start: every shard's users together.
    var users: Int
    var owner: ProcessOwner?
    var startAtMs: Int64?
    var missing: [Int]?

    enum CodingKeys: String, CodingKey {
        case kind, shard, shards, users, owner, missing
        case runID = "run_id", label = "case", startAtMs = "start_at_ms"
    }
}

/// A message on `ledgerqa.load-reports`: `series` (buckets closed since the last one, for
/// the coordinator's live line), `final-series` (part `part` of `parts` of the whole
/// series, sent at the end) and `final` (the shard's report without its series).
struct ShardResultMessage: Codable, Sendable {
    var kind: String
    var runID: String
    var label: String
    var shard: Int
    var shards: Int
    var part: Int?
    var parts: Int?
    var buckets: [LoadReportDocument.Bucket]?
    var report: LoadReportDocument?
    var users: Int?
    var totalUsers: Int?
    var owner: ProcessOwner?

    enum CodingKeys: String, CodingKey {
        case kind, shard, shards, part, parts, buckets, report, users, owner
        case runID = "run_id", label = "case", totalUsers = "total_users"
    }
}

enum ShardCodec {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }

    /// The most bytes one message carries: under the 1 MB brokers accept by default.
    static let messageLimit = 900_000

    /// `buckets` in parts of at most `messageLimit` bytes of JSON each (at least one part).
    static func parts(_ buckets: [LoadReportDocument.Bucket]) throws -> [[LoadReportDocument.Bucket]] {
        var parts: [[LoadReportDocument.Bucket]] = [[]]
        var size = 0
        for bucket in buckets {
            let bytes = try encode(bucket).count + 1
            if size + bytes > messageLimit - 4_096, !(parts.last?.isEmpty ?? true) {
                parts.append([])
                size = 0
            }
            parts[parts.count - 1].append(bucket)
            size += bytes
        }
        return parts
    }

    /// `document` small enough for one message: its mismatch and failure details halved
    /// until it fits (their counts stay exact; the shard's own report.json keeps them all).
    static func fitting(_ document: LoadReportDocument, into message: (LoadReportDocument) throws -> [UInt8]) throws -> [UInt8] {
        var d = document
        while true {
            let bytes = try message(d)
            if bytes.count <= messageLimit || (d.mismatches.isEmpty && d.failures.isEmpty) { return bytes }
            d.mismatches = Array(d.mismatches.prefix(d.mismatches.count / 2))
            d.failures = Array(d.failures.prefix(d.failures.count / 2))
        }
    }
}
