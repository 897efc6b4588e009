import Foundation
import Networks
import Testing

/// One case of one shard of a distributed run, from the start barrier to the merged report:
/// `begin` waits at the barrier, `publish` sends the time series as it goes (and, on shard 0,
/// prints the whole run's live line), `finish` sends the final report and, on shard 0, merges
/// every shard's into the case's report.
final class ShardSession: Sendable {
    let shard: LoadShard
    let runID: String
    let label: String
    let brokers: String
    let producer: KafkaMessageProducer
    let start: StartBarrier.Start
    let users: Int
    let timeout: Duration
    let reportInterval: Duration
    let home: URL

    private init(shard: LoadShard, runID: String, label: String, brokers: String, producer: KafkaMessageProducer, start: StartBarrier.Start,
        users: Int, timeout: Duration, reportInterval: Duration, home: URL)
    {
        self.shard = shard
        self.runID = runID
        self.label = label
        self.brokers = brokers
        self.producer = producer
        self.start = start
        self.users = users
        self.timeout = timeout
        self.reportInterval = reportInterval
        self.home = home
    }

    /// Nil for a single-process run; for a shard, returns at the common start instant.
    static func begin(_ run: LoadRun, label: String, control: RunControl) async throws -> ShardSession? {
        guard let shard = run.configuration.shard else { return nil }
        let environment = try await LedgerQAEnvironment.current()
        guard environment.useKafka else {
            throw ShardRunError.kafka("USE_KAFKA=false, but the shards of a run meet and report on Kafka; set USE_KAFKA=true")
        }
        guard let brokers = environment.kafkaBrokers ?? run.context.info.kafka else {
            throw ShardRunError.kafka("no Kafka: set KAFKA_BROKERS, or use a devnet that reports its brokers in devnet_info.kafka")
        }
        let producer = try await ShardProducers.shared.producer(brokers)
        let runID = run.configuration.runID ?? RunIdentity.processRunID
        let barrier = StartBarrier(runID: runID, label: label, shard: shard, users: run.users.count, timeout: run.configuration.shardTimeout,
            producer: producer, brokers: brokers)
        let start = try await barrier.wait(control: control)
        return ShardSession(shard: shard, runID: runID, label: label, brokers: brokers, producer: producer, start: start, users: run.users.count,
            timeout: run.configuration.shardTimeout, reportInterval: run.configuration.reportInterval, home: run.home)
    }

    /// Where this shard's own report files go: `reports/<run id>/<case>/shard-i-of-N/`.
    var ownReportDirectory: URL { LoadReportFiles.directory(runID: runID, label: label, under: home).appendingPathComponent(shard.name) }

    private func message(_ kind: String, part: Int? = nil, parts: Int? = nil, buckets: [LoadReportDocument.Bucket]? = nil,
        report: LoadReportDocument? = nil) -> ShardResultMessage
    {
        ShardResultMessage(kind: kind, runID: runID, label: label, shard: shard.index, shards: shard.count, part: part, parts: parts,
            buckets: buckets, report: report, users: users, totalUsers: start.totalUsers, owner: .current)
    }

    private func send(_ bytes: [UInt8]) throws { try producer.send(topic: ShardTopic.reports, key: Array(runID.utf8), value: bytes) }

    /// Every second, the buckets closed since the last time (all but the last two seconds,
    /// which may still change); on shard 0, the whole run's live line every report interval.
    func publish(_ statistics: RunStatistics) async {
        var sent = 0
        var progress = shard.isCoordinator && reportInterval > .zero ? WholeRunProgress(session: self) : nil
        var nextLine = statistics.start + reportInterval
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let series = statistics.snapshot().series
            let closed = max(0, series.count - 2)
            if closed > sent {
                let buckets = series[sent..<closed].map(LoadReportDocument.Bucket.init)
                sent = closed
                do { try send(try ShardCodec.encode(message("series", buckets: Array(buckets)))) } catch {
                    InterruptStages.say("[\(label)] shard \(shard): live series not published: \(error)")
                }
            }
            await progress?.prepare()
            if progress != nil, ContinuousClock.now >= nextLine {
                if let line = await progress?.line(elapsed: ContinuousClock.now - statistics.start) {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                }
                nextLine += reportInterval
            }
        }
        progress?.close()
    }

    /// Publishes the shard's final report (its whole series in parts, then the rest); on
    /// shard 0, then waits for every shard's (up to `LOAD_SHARD_TIMEOUT`, less for shards of
    /// this host that ended) and writes, prints and returns the merged report.
    @discardableResult
    func finish(_ report: LoadReport) async -> RunMerge.Merged? {
        let document = LoadReportDocument(report)
        do {
            let parts = try ShardCodec.parts(document.series)
            for (n, part) in parts.enumerated() { try send(try ShardCodec.encode(message("final-series", part: n, parts: parts.count, buckets: part))) }
            var stripped = document
            stripped.series = []
            try send(try ShardCodec.fitting(stripped) { try ShardCodec.encode(message("final", parts: parts.count, report: $0)) })
            if !(await producer.flush(timeout: .seconds(60))) {
                InterruptStages.say("[\(label)] shard \(shard): the final report was not delivered to \(brokers): \(producer.stats.lastError ?? "timed out")")
            }
        } catch {
            InterruptStages.say("[\(label)] shard \(shard): the final report was not published: \(error)")
        }
        guard shard.isCoordinator else { return nil }
        do {
            let merged = try await RunMerge.run(runID: runID, brokers: brokers, labels: [label], shards: shard.count, wait: timeout, home: home)
            guard let first = merged.first else { return nil }
            print(first.text)
            if Test.current != nil {
                if let directory = first.directory {
                    for name in [LoadReportFiles.json, LoadReportFiles.html] {
                        if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) {
                            Attachment.record([UInt8](data), named: "\(label)-merged-\(name)")
                        }
                    }
                }
                for m in first.missing { Issue.record("load case \(label), run \(runID): shard \(m.index) of \(shard.count) is missing: \(m.reason)") }
                for t in first.document.thresholds where !t.passed {
                    Issue.record("load case \(label), run \(runID), merged: threshold \(t.expression) observed \(t.observedText): failed")
                }
            }
            return first
        } catch {
            InterruptStages.say("[\(label)] run \(runID): the merge failed: \(error)")
            if Test.current != nil { Issue.record("load case \(label), run \(runID): the merge failed: \(error)") }
            return nil
        }
    }
}

/// One producer per brokers and process, shared by its cases.
actor ShardProducers {
    static let shared = ShardProducers()
    private var producers: [String: KafkaMessageProducer] = [:]

    func producer(_ brokers: String) async throws -> KafkaMessageProducer {
        if let p = producers[brokers] { return p }
        let p = try await KafkaMessageProducer.connect(bootstrapServers: brokers)
        producers[brokers] = p
        return p
    }
}
