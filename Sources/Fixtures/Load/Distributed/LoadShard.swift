import Foundation
import Networks

/// One shard of a distributed load run (k6's execution segment): shard `index` of `count`
/// runs the users whose global index ≡ index (mod count), each with the seed and label it
/// would have in a single process, so a sharded run makes the same choices.
public struct LoadShard: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The most shards a run may have.
    public static let maxCount = 1_000

    public init?(index: Int, count: Int) {
        guard (1...Self.maxCount).contains(count), (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Whether the user with this global index is one of this shard's.
    public func contains(user globalIndex: Int) -> Bool { globalIndex % count == index }

    /// The global indices of this shard's users among `total`.
    public func users(of total: Int) -> [Int] { Array(stride(from: index, to: max(total, 0), by: count)) }

    /// Shard 0 coordinates: it publishes the start time, and merges the results at the end.
    public var isCoordinator: Bool { index == 0 }

    /// `1/3`.
    public var description: String { "\(index)/\(count)" }

    /// `shard-1-of-3`: a name for files and accounts.
    public var name: String { "shard-\(index)-of-\(count)" }
}

extension LoadShard {
    /// The shard from the layered settings: `LOAD_SHARD=i/N`, or `LOAD_SHARDS=N` with
    /// `JOB_COMPLETION_INDEX=i` (what a Kubernetes Indexed Job sets); nil when neither is set.
    static func parse(_ settings: Settings) throws(ConfigurationError) -> LoadShard? {
        let written = try settings.value(SettingKey("load", "shard"))
        let countValue = try settings.value(SettingKey("load", "shards"))
        var count: Int?
        if let v = countValue {
            guard let n = Int(v.text), (1...maxCount).contains(n) else { throw v.malformed(expected: "a whole number of shards from 1 to \(maxCount)") }
            count = n
        }
        if let v = written {
            let parts = v.text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), let shard = LoadShard(index: i, count: n) else {
                throw v.malformed(expected: "i/N: this shard's index from 0 and the number of shards (1 to \(maxCount)), e.g. 0/3")
            }
            if let count, count != n, let c = countValue {
                throw c.malformed(expected: "the same number of shards as \(v.key)=\(v.text) (from \(v.source)), or unset")
            }
            return shard
        }
        guard let count, let c = countValue else { return nil }
        guard let v = try settings.value(SettingKey("job", "completion", "index")) else {
            throw c.malformed(expected: "a shard index beside it: JOB_COMPLETION_INDEX (a Kubernetes Indexed Job sets it), or LOAD_SHARD=i/N instead")
        }
        guard let i = Int(v.text), let shard = LoadShard(index: i, count: count) else {
            throw v.malformed(expected: "this shard's index, a whole number from 0 to \(count - 1) (\(c.key)=\(count))")
        }
        return shard
    }

    /// Applies the shard settings to `c`: the shard, `LOAD_SHARD_TIMEOUT`, the arrival rate
    /// split among the shards, and a seed every shard agrees on. A sharded run needs a
    /// `LOAD_RUN_ID` its shards share.
    static func apply(_ settings: Settings, to c: inout LoadConfiguration) throws(ConfigurationError) {
        if let v = try settings.value(SettingKey("load", "shard_timeout")) {
            guard let d = ArrivalRate.parseDuration(v.text) else { throw v.malformed(expected: "a duration such as 300s, 5m or 90 (seconds)") }
            c.shardTimeout = d
        }
        guard let shard = try parse(settings) else { return }
        c.shard = shard
        guard let runID = c.runID else {
            var named = try settings.value(SettingKey("load", "shard"))
            if named == nil { named = try settings.value(SettingKey("load", "shards")) }
            throw ConfigurationError(variable: "LOAD_RUN_ID", value: "",
                expected: "a run id every shard shares when \(named?.key ?? "LOAD_SHARD") is set (letters, digits, _ and -), e.g. LOAD_RUN_ID=nightly-42",
                source: named?.source)
        }
        c.arrivalRate = c.arrivalRate?.split(into: shard.count)
        // Every shard draws user n's choices from seed + n: without LOAD_SEED they agree on one from the run id.
        if try settings.value(SettingKey("load", "seed")) == nil { c.seed = seed(runID: runID) }
    }

    /// The seed of a run whose `LOAD_SEED` is unset: from the run id's SHA-256, under 10^9.
    static func seed(runID: String) -> UInt64 {
        let hex = Digest.sha256Hex(Array("ledgerqa load seed \(runID)".utf8))
        return (UInt64(hex.prefix(15), radix: 16) ?? 1) % 999_999_999 + 1
    }
}
