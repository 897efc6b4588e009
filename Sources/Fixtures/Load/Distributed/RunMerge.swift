import Foundation
import Networks

/// `ledgerqa merge --run ID` (and shard 0 at the end of each case): reads a distributed run's
/// results from Kafka, merges each case's shard reports and writes one `report.json` and
/// `report.html` per case under `$LEDGERQA_HOME/reports/<run id>/<case>/`.
public enum RunMerge {
    /// One case merged: the document, where it was written, and the shards that never reported.
    public struct Merged: Sendable {
        public let document: LoadReportDocument
        public let directory: URL?
        public var missing: [LoadReportDocument.MissingShard] { document.shards?.missing ?? [] }
        /// Whether every shard reported and every threshold passed.
        public var passed: Bool { missing.isEmpty && document.thresholds.allSatisfy(\.passed) && document.outcome.status == "completed" }
        public var text: String { MergedSummary.text(document, directory: directory) }
    }

    /// Reads everything `brokers` hold for `runID`, waiting up to `wait` for shards that have
    /// not reported yet (never for shards of this host whose process ended), then merges the
    /// cases (`labels`, else every case found) and writes their files under `home`.
    public static func run(runID: String, brokers: String, labels: [String]? = nil, shards expected: Int? = nil, wait: Duration = .zero,
        home: URL?) async throws -> [Merged]
    {
        let results = try await gather(runID: runID, brokers: brokers, until: { results in
            let cases = labels ?? results.labels
            guard let shards = expected ?? results.shards, !cases.isEmpty else { return false }
            return cases.allSatisfy { results.isSettled($0, shards: shards) }
        }, wait: wait)
        guard let shards = expected ?? results.shards else { throw MergeError.nothingFound(runID: runID, brokers: brokers) }
        let cases = labels ?? results.labels
        guard !cases.isEmpty else { throw MergeError.nothingFound(runID: runID, brokers: brokers) }
        return try cases.map { label in try merge(results, label: label, shards: shards, home: home) }
    }

    /// Merges one case of `results` and writes its files under `home` (when given).
    static func merge(_ results: RunResults, label: String, shards: Int, home: URL?) throws -> Merged {
        let reports = results.reports(label)
        guard !reports.isEmpty else { throw MergeError.noReport(runID: results.runID, label: label, missing: results.missing(label, shards: shards)) }
        let document = try ReportMerge.merge(reports, shards: shards, totalUsers: results.totalUsers(label, shards: shards),
            missing: results.missing(label, shards: shards))
        var directory: URL?
        if let home {
            let target = LoadReportFiles.directory(runID: results.runID, label: label, under: home)
            try LoadReportFiles.write(document, to: target)
            directory = target
        }
        return Merged(document: document, directory: directory)
    }

    /// Reads both topics from their beginning until caught up and `done` holds, or `wait`
    /// passed after catching up.
    static func gather(runID: String, brokers: String, until done: (RunResults) -> Bool, wait: Duration) async throws -> RunResults {
        let reader = try await KafkaMessageReader.connect(bootstrapServers: brokers, topics: [ShardTopic.runs, ShardTopic.reports])
        defer { reader.close() }
        var results = RunResults(runID: runID)
        var read = 0
        let setupDeadline = ContinuousClock.now + .seconds(60)
        var deadline: ContinuousClock.Instant?
        while true {
            // Read before taking in what arrived: messages the poll thread adds meanwhile are taken in next time.
            let caughtUp = reader.isCaughtUp
            for message in reader.messages(from: read) {
                read += 1
                results.add(message)
            }
            if caughtUp {
                let end = deadline ?? (ContinuousClock.now + wait)
                deadline = end
                if done(results) || ContinuousClock.now >= end {
                    // A shard that flushed its final report and exited a moment ago counts as
                    // settled before its report is read: read up to the topics' present ends.
                    _ = await reader.catchUpToNow()
                    for message in reader.messages(from: read) {
                        read += 1
                        results.add(message)
                    }
                    return results
                }
            } else if ContinuousClock.now >= setupDeadline {
                throw MergeError.unreadable(brokers: brokers)
            }
            _ = await reader.wait(beyond: read, until: min(deadline ?? setupDeadline, .now + .milliseconds(500)))
        }
    }
}

/// Why a merge could not be made.
public enum MergeError: Error, Sendable, CustomStringConvertible {
    case nothingFound(runID: String, brokers: String)
    case noReport(runID: String, label: String, missing: [Int: String])
    case unreadable(brokers: String)

    public var description: String {
        switch self {
        case .nothingFound(let runID, let brokers):
            "no shard of run \(runID) announced itself or reported on \(ShardTopic.runs) / \(ShardTopic.reports) at \(brokers): "
                + "check the run id (LOAD_RUN_ID) and the brokers (--brokers, KAFKA_BROKERS or the devnet's devnet_info.kafka)"
        case .noReport(let runID, let label, let missing):
            "run \(runID), case \(label): no shard's final report arrived, so there is nothing to merge; "
                + missing.sorted { $0.key < $1.key }.map { "shard \($0.key): \($0.value)" }.joined(separator: "; ")
        case .unreadable(let brokers): "could not read \(ShardTopic.runs) and \(ShardTopic.reports) to their end at \(brokers) within 60 s"
        }
    }
}

/// The text a person reads of a merged case: per action counts and percentiles, shards, thresholds.
enum MergedSummary {
    static func text(_ d: LoadReportDocument, directory: URL?) -> String {
        let shards = d.shards
        var lines = ["Load case \(d.label), run \(d.runID), merged from \(shards?.reported.count ?? 1) of \(shards?.count ?? 1) shards: "
            + "\(d.settings.users) users, \(d.elapsedSeconds.rounded(to: 1)) s, \(d.outcome.description)"]
        let header = ["action", "ended", "success", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "mismatch"]
        func row(_ name: String, _ a: LoadReportDocument.ActionFigures) -> [String] {
            let none = a.counts.ended == 0
            func ms(_ v: Double) -> String { none ? "-" : String(v.rounded(to: 1)) }
            return [name, String(a.counts.ended), none ? "-" : "\((a.successRate * 100).rounded(to: 1)) %", ms(a.latency.p50Ms), ms(a.latency.p90Ms),
                ms(a.latency.p95Ms), ms(a.latency.p99Ms), String(a.counts.withMismatches)]
        }
        lines += Table.render(header: header, rows: d.actions.map { row($0.name ?? "-", $0) } + [row("total", d.total)])
        lines.append("throughput: \(d.total.actionsPerSecond.rounded(to: 1)) actions/s over every shard, success rate "
            + "\((d.total.successRate * 100).rounded(to: 2)) %; mismatches \(d.mismatchCount), failures \(d.failureCount), "
            + "invariant violations \(d.invariants.filter { !$0.holds }.count)")
        for s in shards?.reported ?? [] {
            lines.append("  shard \(s.index): \(s.users) users, \(s.ended) actions, \(s.outcome)\(s.host.map { " on \($0)" } ?? "")")
        }
        for m in shards?.missing ?? [] { lines.append("  shard \(m.index): MISSING: \(m.reason)") }
        if !d.thresholds.isEmpty {
            let failed = d.thresholds.filter { !$0.passed }
            lines.append((failed.isEmpty ? "thresholds on the merged figures: all \(d.thresholds.count) passed"
                : "thresholds on the merged figures: \(failed.count) of \(d.thresholds.count) FAILED") + ":")
            lines += d.thresholds.map { "  \($0.passed ? "✓" : "✗") \($0.expression): observed \($0.observedText), \($0.verdict)" }
        }
        if let directory { lines.append("merged report: \(directory.appendingPathComponent(LoadReportFiles.html).path)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
