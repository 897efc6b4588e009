import Foundation
import Networks

/// What a distributed run's shards said on Kafka, gathered from `ledgerqa.runs` and
/// `ledgerqa.load-reports`: who announced itself for which case, each shard's live buckets,
/// and each shard's final report with its whole series.
struct RunResults {
    let runID: String
    /// case → shard → its latest `ready`.
    var ready: [String: [Int: RunAnnouncement]] = [:]
    /// case → shard → its final message (series stripped).
    var finals: [String: [Int: ShardResultMessage]] = [:]
    /// case → shard → part → buckets of its final series.
    var parts: [String: [Int: [Int: [LoadReportDocument.Bucket]]]] = [:]
    /// case → shard → bucket start → the bucket as published while the shard ran.
    var live: [String: [Int: [Int: LoadReportDocument.Bucket]]] = [:]
    /// The number of shards the messages name.
    var shards: Int?

    init(runID: String) { self.runID = runID }

    /// Takes in one message of either topic; others' runs are skipped by their key alone.
    mutating func add(_ message: KafkaMessage) {
        guard message.keyText == runID else { return }
        if message.topic == ShardTopic.runs {
            guard let a = ShardCodec.decode(RunAnnouncement.self, message.value), a.kind == "ready" else { return }
            ready[a.label, default: [:]][a.shard] = a
            shards = a.shards
            return
        }
        guard let m = ShardCodec.decode(ShardResultMessage.self, message.value) else { return }
        shards = m.shards
        switch m.kind {
        case "series":
            for b in m.buckets ?? [] { live[m.label, default: [:]][m.shard, default: [:]][b.start] = b }
        case "final-series":
            let part = m.part ?? 0
            if part == 0 { parts[m.label, default: [:]][m.shard] = [:] }
            parts[m.label, default: [:]][m.shard, default: [:]][part] = m.buckets ?? []
        case "final":
            finals[m.label, default: [:]][m.shard] = m
        default: break
        }
    }

    /// Every case any shard announced or reported.
    var labels: [String] { Set(ready.keys).union(finals.keys).union(live.keys).sorted() }

    /// The shards of `label` whose final report and every part of its series arrived.
    func reports(_ label: String) -> [ShardReport] {
        (finals[label] ?? [:]).compactMap { shard, final in
            guard var document = final.report else { return nil }
            let received = parts[label]?[shard] ?? [:]
            let count = final.parts ?? 0
            guard (0..<count).allSatisfy({ received[$0] != nil }) else { return nil }
            document.series = (0..<count).flatMap { received[$0] ?? [] }
            return ShardReport(shard: shard, document: document, users: final.users ?? document.settings.users, host: final.owner?.host)
        }
    }

    /// The total users of `label` by the shards' announcements, when every shard announced itself.
    func totalUsers(_ label: String, shards: Int) -> Int? {
        let announced = ready[label] ?? [:]
        guard announced.count == shards else { return finals[label]?.values.compactMap(\.totalUsers).first }
        return announced.values.reduce(0) { $0 + $1.users }
    }

    /// Why each shard of `label` without a complete report is missing.
    func missing(_ label: String, shards: Int) -> [Int: String] {
        let complete = Set(reports(label).map(\.shard))
        var out: [Int: String] = [:]
        for shard in 0..<shards where !complete.contains(shard) {
            let seconds = live[label]?[shard].map { ($0.keys.max() ?? 0) + 1 }
            let acted = seconds.map { "; it published \($0) s of its series before it stopped, which this report leaves out" } ?? ""
            if let a = ready[label]?[shard] {
                let who = a.owner.map { " (pid \($0.pid) on \($0.host))" } ?? ""
                if let owner = a.owner, owner.host == ProcessOwner.current.host, !owner.isAlive {
                    out[shard] = "it announced itself\(who), and its process ended without a final report\(acted)"
                } else {
                    out[shard] = "it announced itself\(who) but its final report never arrived\(acted)"
                }
            } else {
                out[shard] = "it never announced itself for this case on \(ShardTopic.runs)"
            }
        }
        return out
    }

    /// Whether waiting longer cannot bring `label` more reports: every shard reported, or
    /// each one missing is known to be gone (a process of this host that ended).
    func isSettled(_ label: String, shards: Int) -> Bool {
        let complete = Set(reports(label).map(\.shard))
        return (0..<shards).allSatisfy { shard in
            complete.contains(shard) || ready[label]?[shard]?.owner.map { $0.host == ProcessOwner.current.host && !$0.isAlive } == true
        }
    }
}
