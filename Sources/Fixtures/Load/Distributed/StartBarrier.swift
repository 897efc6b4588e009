import Foundation
import Networks

/// The start of one case of a distributed run: every shard announces itself on
/// `ledgerqa.runs` once its users are funded; shard 0, once it has seen all of them, publishes
/// a start time a few seconds ahead; every shard starts acting at that instant. Shard 0 gives
/// up after `LOAD_SHARD_TIMEOUT` and says which shards never came (`abort`); the others give
/// up a little later, naming the shards they never saw.
struct StartBarrier {
    let runID: String
    let label: String
    let shard: LoadShard
    let users: Int
    let timeout: Duration
    let producer: KafkaMessageProducer
    let brokers: String

    /// How far ahead of its publication the start lies, so that every shard reads it in time.
    static let lead: Duration = .seconds(3)

    /// What the barrier found: when to start, and who announced itself.
    struct Start: Sendable {
        let instant: ContinuousClock.Instant
        let date: Date
        let ready: [Int: RunAnnouncement]
        var totalUsers: Int { ready.values.reduce(0) { $0 + $1.users } }
    }

    func wait(control: RunControl) async throws -> Start {
        let began = ContinuousClock.now
        try await publish(RunAnnouncement(kind: "ready", runID: runID, label: label, shard: shard.index, shards: shard.count, users: users,
            owner: .current))
        let reader = try await KafkaMessageReader.connect(bootstrapServers: brokers, topics: [ShardTopic.runs])
        defer { reader.close() }
        let deadline = began + timeout + (shard.isCoordinator ? .zero : .seconds(30))
        var read = 0
        var seenMine = false
        var ready: [Int: RunAnnouncement] = [:]
        var startSent = false
        while true {
            for message in reader.messages(from: read) {
                read += 1
                guard message.keyText == runID, let a = ShardCodec.decode(RunAnnouncement.self, message.value), a.label == label,
                    a.shards == shard.count
                else { continue }
                switch a.kind {
                case "ready":
                    ready[a.shard] = a
                    if a.shard == shard.index, a.owner == .current { seenMine = true }
                case "start" where seenMine:
                    let at = Date(timeIntervalSince1970: Double(a.startAtMs ?? 0) / 1000)
                    let instant = ContinuousClock.now + .milliseconds(Int64(at.timeIntervalSinceNow * 1000))
                    InterruptStages.say("[\(label)] shard \(shard): all \(shard.count) shards ready, acting from "
                        + "\(LoadReportDocument.timestamp(at)) (run \(runID))")
                    await control.sleep(until: instant)
                    if control.isStopping { throw ShardRunError.interrupted(label: label) }
                    return Start(instant: max(instant, .now), date: max(at, Date()), ready: ready)
                case "abort" where seenMine:
                    throw ShardRunError.missingAtStart(label: label, runID: runID, missing: a.missing ?? [], waited: timeout)
                default: break
                }
            }
            if shard.isCoordinator, !startSent, ready.count == shard.count {
                let at = Date().addingTimeInterval(Self.lead.seconds)
                try await publish(RunAnnouncement(kind: "start", runID: runID, label: label, shard: shard.index, shards: shard.count,
                    users: ready.values.reduce(0) { $0 + $1.users }, startAtMs: Int64(at.timeIntervalSince1970 * 1000)))
                startSent = true
            }
            let missing = (0..<shard.count).filter { ready[$0] == nil }
            if control.isStopping {
                if shard.isCoordinator, !startSent { try? await publish(abort(missing)) }
                throw ShardRunError.interrupted(label: label)
            }
            if ContinuousClock.now >= deadline {
                if shard.isCoordinator, !startSent { try? await publish(abort(missing)) }
                throw ShardRunError.missingAtStart(label: label, runID: runID, missing: missing, waited: timeout)
            }
            _ = await reader.wait(beyond: read, until: min(deadline, .now + .milliseconds(500)))
        }
    }

    private func abort(_ missing: [Int]) -> RunAnnouncement {
        RunAnnouncement(kind: "abort", runID: runID, label: label, shard: shard.index, shards: shard.count, users: 0, missing: missing)
    }

    private func publish(_ announcement: RunAnnouncement) async throws {
        try producer.send(topic: ShardTopic.runs, key: Array(runID.utf8), value: try ShardCodec.encode(announcement))
        guard await producer.flush(timeout: .seconds(30)) else {
            throw ShardRunError.kafka("the \(announcement.kind) message of shard \(shard) was not delivered to \(brokers): "
                + (producer.stats.lastError ?? "timed out"))
        }
    }
}

/// Why a shard's case could not run with the others.
public enum ShardRunError: Error, Sendable, CustomStringConvertible {
    case missingAtStart(label: String, runID: String, missing: [Int], waited: Duration)
    case interrupted(label: String)
    case kafka(String)

    public var description: String {
        switch self {
        case .missingAtStart(let label, let runID, let missing, let waited):
            "[\(label)] run \(runID): shard(s) \(missing.map(String.init).joined(separator: ", ")) never announced themselves on "
                + "\(ShardTopic.runs) within \(Int(waited.seconds)) s (LOAD_SHARD_TIMEOUT); no shard acted. Start every shard with the same "
                + "LOAD_RUN_ID, LOAD_SHARDS and Kafka brokers"
        case .interrupted(let label): "[\(label)] interrupted while waiting for the other shards; no user acted"
        case .kafka(let why): "distributed run: \(why)"
        }
    }
}
