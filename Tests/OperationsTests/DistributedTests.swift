import Fixtures
import Foundation
import Networks
import Testing

/// Distributed load runs with real processes: shards of the Load suite (this test bundle run
/// again with `LOAD_SHARD=i/N`) against a standalone devnet and its embedded Kafka, started
/// by `ledgerqa load-shards` (what `./ledgerqa load --shards N` runs) or one by one.
@Suite("Distributed load runs", .serialized, .timeLimit(.minutes(10)))
struct DistributedTests {
    /// Actions whose conditions depend only on the user's balances, never on time: the same
    /// seed gives the same sequence of choices, whatever the timing.
    static let timeless = ["LOAD_MIXES": "minting", "LOAD_ACTIONS": "MintRandomAgentRandomAmount,MintLowestFeeAgentRandomAmount"]

    @Test("3 shards × 10 users choose the same actions per user as 1 process × 30 users with the same seed; the merged report's totals are the shards' sums and its p99 is that of the union of their raw latencies")
    func shardsMatchOneProcess() async throws {
        try await LoadWorld.with(kafka: true) { world in
            let common = Self.timeless.merging(["LOAD_USERS": "30", "LOAD_SEED": "4242", "LOAD_DURATION": "8", "LOAD_REPORT_INTERVAL": "2"]) { $1 }
            let single = try world.load(common.merging(["LOAD_RUN_ID": "single-1", "USE_KAFKA": "false"]) { $1 })
            let singleExit = try await single.waitForExit(timeout: .seconds(300))
            #expect(singleExit.status == 0, "the single-process run failed:\n\(single.text.suffix(3000))")
            let sharded = try await world.ledgerqa(["load-shards", "--shards", "3"], common.merging(["LOAD_RUN_ID": "sharded-1"]) { $1 },
                timeout: .seconds(300))
            #expect(sharded.status == 0, "the sharded run failed:\n\(sharded.output.suffix(4000))")
            #expect(sharded.output.contains("[shard 0] [minting] whole run, 3/3 shards"), "the coordinator's live line shows the whole run")

            // The same choices, user by user: one sequence is the start of the other (timing decides how far each got).
            let alone = try OpLogs.actions(in: world.home, sharded: false)
            let shards = try OpLogs.actions(in: world.home, sharded: true)
            #expect(Set(alone.keys) == Set((0..<30).map { "user-\($0)" }) && Set(shards.keys) == Set(alone.keys), "\(alone.keys.sorted())")
            for (user, a) in alone {
                let b = shards[user] ?? []
                let n = min(a.count, b.count)
                #expect(n >= 2, "\(user) acted \(a.count) times alone and \(b.count) times sharded")
                #expect(Array(a.prefix(n)) == Array(b.prefix(n)), "\(user) chose differently: alone \(a.prefix(n)), sharded \(b.prefix(n))")
            }

            // One merged report: totals are the sums of the shards' reports; the p99 is the union's.
            let directory = world.home.appendingPathComponent("reports/sharded-1/minting")
            let merged = try LoadReportDocument.read(from: directory.appendingPathComponent("report.json"))
            let parts = try (0..<3).map { try LoadReportDocument.read(from: directory.appendingPathComponent("shard-\($0)-of-3/report.json")) }
            #expect(merged.shards?.reported.count == 3 && merged.shards?.missing.isEmpty == true)
            #expect(merged.settings.users == 30 && parts.allSatisfy { $0.settings.users == 10 })
            #expect(merged.total.counts.ended == parts.reduce(0) { $0 + $1.total.counts.ended })
            #expect(merged.total.counts.succeeded == parts.reduce(0) { $0 + $1.total.counts.succeeded })
            for action in merged.actions {
                #expect(action.counts.ended == parts.reduce(0) { s, p in s + (p.actions.first { $0.name == action.name }?.counts.ended ?? 0) })
            }
            #expect(merged.funds.given.nat.value == parts.reduce(0) { $0 + $1.funds.given.nat.value })
            var union = LatencyHistogram()
            let raw = try OpLogs.latencies(in: world.home, sharded: true)
            for us in raw { union.record(.microseconds(Int64(us))) }
            #expect(raw.count == merged.total.latency.count, "every action's latency is in the op logs")
            #expect(merged.total.latency.p99Ms == union.percentile(99).milliseconds,
                "merged p99 \(merged.total.latency.p99Ms) ms, union of the raw latencies \(union.percentile(99).milliseconds) ms")
            #expect(try merged.total.latency.decodedHistogram()?.percentile(99) == union.percentile(99))
            try await InterruptTests.expectAllAtDust(world)
        }
    }

    @Test("a shard killed mid-run is named missing by shard 0's merge and by `ledgerqa merge`, and `ledgerqa recover` returns its users' funds")
    func killedShard() async throws {
        try await LoadWorld.with(kafka: true) { world in
            let env = Self.timeless.merging(["LOAD_USERS": "6", "LOAD_DURATION": "20", "LOAD_RUN_ID": "killed-1", "LOAD_SEED": "7"]) { $1 }
            let shards = try (0..<3).map { try world.load(env.merging(["LOAD_SHARD": "\($0)/3"]) { $1 }) }
            try await shards[2].waitFor(second: 3, of: 20, label: "minting", timeout: .seconds(180))
            shards[2].signal(SIGKILL)
            let killed = try await shards[2].waitForExit(timeout: .seconds(10))
            #expect(killed.signalled)
            let first = try await shards[0].waitForExit(timeout: .seconds(240))
            let second = try await shards[1].waitForExit(timeout: .seconds(240))
            #expect(second.status == 0, "shard 1 passes on its own:\n\(shards[1].text.suffix(2000))")
            #expect(first.status != 0, "shard 0's case fails: a shard is missing")
            #expect(shards[0].text.contains("merged from 2 of 3 shards") && shards[0].text.contains("shard 2: MISSING: it announced itself"),
                "\(shards[0].text.suffix(3000))")
            let merge = try await world.ledgerqa(["merge", "--run", "killed-1"])
            #expect(merge.status == 1 && merge.output.contains("shard 2: MISSING") && merge.output.contains("its process ended without a final report"),
                "\(merge.output)")
            let document = try LoadReportDocument.read(from: world.home.appendingPathComponent("reports/killed-1/minting/report.json"))
            #expect(document.shards?.missing.map(\.index) == [2] && document.settings.users == 6)
            let before = try await world.accounts()
            #expect(before.rows.contains { !$0.isDust && $0.record.label.hasPrefix("user-") }, "the killed shard left funds behind")
            let recover = try await world.ledgerqa(["recover"])
            #expect(recover.status == 0, "\(recover.output)")
            try await InterruptTests.expectAllAtDust(world)
        }
    }

    @Test("Ctrl-C on `ledgerqa load-shards` reaches every shard once: each stops in its first stage, collects, and the merge says interrupted")
    func interruptLocalShards() async throws {
        try await LoadWorld.with(kafka: true) { world in
            let env = Self.timeless.merging(["LOAD_USERS": "4", "LOAD_DURATION": "600", "LOAD_RUN_ID": "stopped-1"]) { $1 }
            let run = try ChildProcess(try BuildProducts.executable("ledgerqa"), ["load-shards", "--shards", "2"], environment: world.environment(env),
                name: "ledgerqa load-shards")
            try await run.waitFor(second: 2, of: 600, label: "minting", prefix: "[shard 1] ", timeout: .seconds(180))
            run.signal(SIGINT)
            let exit = try await run.waitForExit(timeout: .seconds(180))
            #expect(exit.status != 0 && !exit.signalled, "\(exit)")
            for i in 0..<2 {
                #expect(run.text.contains("[shard \(i)] ledgerqa: SIGINT: stopping 1 load case(s)"), "shard \(i) got the first Ctrl-C")
                #expect(!run.text.contains("[shard \(i)] ledgerqa: SIGINT again"), "shard \(i) got it once")
                #expect(run.text.contains("[shard \(i)] Load case minting INTERRUPTED (1 SIGNAL)"))
            }
            #expect(run.text.contains("merged from 2 of 2 shards: 4 users") && run.text.contains("interrupted (1 signal)"), "\(run.text.suffix(3000))")
            try await InterruptTests.expectAllAtDust(world)
        }
    }

    @Test("a shard whose peers never come fails at the start barrier, naming them, and no user acts")
    func barrierTimeout() async throws {
        try await LoadWorld.with(kafka: true) { world in
            let run = try world.load(Self.timeless.merging(["LOAD_USERS": "2", "LOAD_SHARD": "0/3", "LOAD_RUN_ID": "alone-1",
                "LOAD_SHARD_TIMEOUT": "3s"]) { $1 })
            let exit = try await run.waitForExit(timeout: .seconds(180))
            #expect(exit.status != 0)
            #expect(run.text.contains("shard(s) 1, 2 never announced themselves on ledgerqa.runs within 3 s"), "\(run.text.suffix(2000))")
            #expect(try OpLogs.actions(in: world.home, sharded: true).isEmpty, "no user acted")
            try await InterruptTests.expectAllAtDust(world)
        }
    }
}

extension DistributedTests {
    @Test("bad arguments to `ledgerqa merge` and `ledgerqa load-shards`, and a run id nobody used, get a specific error and write nothing")
    func badInput() async throws {
        try await LoadWorld.with(kafka: true) { world in
            let cases: [(arguments: [String], env: [String: String], status: Int32, message: String)] = [
                (["merge", "--run", "no such/run"], [:], 64, "--run takes a run id: letters, digits, _ and -"),
                (["merge", "--run", "r-1", "--wait=-1"], [:], 64, "--wait takes seconds from 0 to 86400"),
                (["merge", "--run", "r-1", "--shards", "0"], [:], 64, "--shards takes 1 to"),
                (["merge", "--run", "never-ran"], [:], 1, "no shard of run never-ran announced itself or reported on ledgerqa.runs"),
                (["load-shards", "--shards", "0"], [:], 64, "--shards takes 1 to 64 on one machine"),
                (["load-shards", "--shards", "2"], ["USE_KAFKA": "false"], 1, "USE_KAFKA=false: the shards of a run meet and report on Kafka"),
                (["load-shards", "--shards", "2", "--bundle", "/nonexistent/Tests.xctest"], [:], 64, "no test bundle at /nonexistent/Tests.xctest"),
            ]
            for c in cases {
                let result = try await world.ledgerqa(c.arguments, c.env, timeout: .seconds(120))
                #expect(result.status == c.status && result.output.contains(c.message),
                    "ledgerqa \(c.arguments.joined(separator: " ")): status \(result.status)\n\(result.output)")
            }
            for folder in ["reports", "shards", "logs"] {
                #expect(!FileManager.default.fileExists(atPath: world.home.appendingPathComponent(folder).path), "nothing was written under \(folder)/")
            }
            #expect(try await world.accounts().rows.isEmpty, "no account was made")
        }
    }
}

/// What the op logs (`$LEDGERQA_HOME/logs/*/ops.log`) of a home's runs say.
enum OpLogs {
    static func files(in home: URL, sharded: Bool) throws -> [URL] {
        let logs = home.appendingPathComponent("logs")
        return try FileManager.default.contentsOfDirectory(at: logs, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.contains("-shard-") == sharded }
            .map { $0.appendingPathComponent("ops.log") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// `key=value` fields of one line.
    static func fields(_ line: Substring) -> [String: String] {
        Dictionary(line.split(separator: " ").compactMap { part in
            guard let eq = part.firstIndex(of: "=") else { return nil }
            return (String(part[..<eq]), String(part[part.index(after: eq)...]))
        }, uniquingKeysWith: { a, _ in a })
    }

    /// Each user's actions in the order it started them.
    static func actions(in home: URL, sharded: Bool) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for file in try files(in: home, sharded: sharded) {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.contains("OP_START") {
                let f = fields(line)
                if let user = f["user"], let action = f["action"] { out[user, default: []].append(action) }
            }
        }
        return out
    }

    /// Every action's latency in microseconds (`OP_DONE ... us=`).
    static func latencies(in home: URL, sharded: Bool) throws -> [UInt64] {
        try files(in: home, sharded: sharded).flatMap { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { $0.contains("OP_DONE") }.compactMap { fields($0)["us"].flatMap(UInt64.init) }
        }
    }
}
