@testable import Fixtures
import Testing

/// `LOAD_SHARD=i/N`, `LOAD_SHARDS` with `JOB_COMPLETION_INDEX`, and what a shard derives from them.
@Suite("Shard settings")
struct ShardSettingsTests {
    static func parse(_ env: [String: String]) throws(ConfigurationError) -> LoadConfiguration {
        try LoadConfiguration.parse(env.merging(["LOAD_RUN_ID": "nightly-42"]) { a, _ in a })
    }

    @Test("LOAD_SHARD=i/N and a Kubernetes Indexed Job's JOB_COMPLETION_INDEX with LOAD_SHARDS give the same shard")
    func forms() throws {
        let written = try Self.parse(["LOAD_SHARD": "1/3"]).shard
        let indexed = try Self.parse(["LOAD_SHARDS": "3", "JOB_COMPLETION_INDEX": "1"]).shard
        #expect(written == LoadShard(index: 1, count: 3))
        #expect(indexed == written)
        #expect(try Self.parse(["JOB_COMPLETION_INDEX": "4"]).shard == nil, "a Job's index alone does not make a shard")
        #expect(try Self.parse([:]).shard == nil)
    }

    @Test("malformed shard settings stop the run naming the key, the source and the form",
        arguments: [
            (["LOAD_SHARD": "3/3"], "LOAD_SHARD=\"3/3\" is malformed: expected i/N"),
            (["LOAD_SHARD": "one/3"], "LOAD_SHARD=\"one/3\" is malformed"),
            (["LOAD_SHARD": "0/0"], "LOAD_SHARD=\"0/0\" is malformed"),
            (["LOAD_SHARDS": "3"], "LOAD_SHARDS=\"3\" is malformed: expected a shard index beside it: JOB_COMPLETION_INDEX"),
            (["LOAD_SHARDS": "3", "JOB_COMPLETION_INDEX": "3"], "JOB_COMPLETION_INDEX=\"3\" is malformed: expected this shard's index"),
            (["LOAD_SHARDS": "two", "JOB_COMPLETION_INDEX": "0"], "LOAD_SHARDS=\"two\" is malformed"),
            (["LOAD_SHARD": "0/2", "LOAD_SHARDS": "3"], "LOAD_SHARDS=\"3\" is malformed: expected the same number of shards as LOAD_SHARD=0/2"),
            (["LOAD_SHARD": "0/2", "LOAD_SHARD_TIMEOUT": "soon"], "LOAD_SHARD_TIMEOUT=\"soon\" is malformed"),
        ])
    func malformed(env: [String: String], message: String) {
        #expect {
            try Self.parse(env)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("a shard without LOAD_RUN_ID is refused: its shards could not find each other")
    func needsRunID() {
        #expect {
            try LoadConfiguration.parse(["LOAD_SHARD": "0/2"])
        } throws: { error in
            "\(error)".contains("LOAD_RUN_ID=\"\" is malformed: expected a run id every shard shares when LOAD_SHARD is set")
        }
    }

    @Test("without LOAD_SEED every shard of a run draws the same seed from the run id; LOAD_SEED wins")
    func seed() throws {
        let a = try Self.parse(["LOAD_SHARD": "0/3"]), b = try Self.parse(["LOAD_SHARD": "2/3"])
        #expect(a.seed == b.seed && a.seed == LoadShard.seed(runID: "nightly-42"))
        #expect(try Self.parse(["LOAD_SHARD": "0/3", "LOAD_SEED": "77"]).seed == 77)
    }

    @Test("a shard keeps the users whose global index falls to it, and a third of the arrival rate")
    func users() throws {
        let shard = try #require(LoadShard(index: 1, count: 3))
        #expect(shard.users(of: 10) == [1, 4, 7])
        #expect((0..<30).filter { shard.contains(user: $0) }.count == 10)
        let all = (0..<3).compactMap { LoadShard(index: $0, count: 3) }.flatMap { $0.users(of: 31) }.sorted()
        #expect(all == Array(0..<31), "every user belongs to exactly one shard")
        let rated = try Self.parse(["LOAD_SHARD": "1/3", "LOAD_STAGES": "30s:30/s,1m:90/s", "LOAD_RATE": "3/s"])
        #expect(rated.arrivalRate == ArrivalRate(startRate: 1, stages: [.init(duration: .seconds(30), target: 10), .init(duration: .seconds(60), target: 30)]))
    }
}
