import Foundation
import Networks

/// The coordinator's live line for the whole run: every shard's buckets as published on
/// `ledgerqa.load-reports`, summed (percentiles from the merged histograms of the last
/// interval), beside the shard's own line.
///
/// `[pools] whole run, 3/3 shards | 20 s | 2450 actions, 122.5/s (last 10 s: 1200, 120.0/s) | success 100.0 % | p50 16.5 ms p99 33.5 ms | with mismatches 0 | dropped 0`
struct WholeRunProgress {
    let session: ShardSession
    private var reader: KafkaMessageReader?
    private var read = 0
    private var results: RunResults

    init(session: ShardSession) {
        self.session = session
        results = RunResults(runID: session.runID)
    }

    /// Connects the reader, early, so that the first line has data: called every second until
    /// it reads a partition (the topic exists once a shard published to it).
    mutating func prepare() async {
        guard reader?.ends.isEmpty ?? true else { return }
        reader?.close()
        reader = try? await KafkaMessageReader.connect(bootstrapServers: session.brokers, topics: [ShardTopic.reports])
    }

    mutating func line(elapsed: Duration) async -> String? {
        await prepare()
        guard let reader else { return nil }
        for message in reader.messages(from: read) {
            read += 1
            results.add(message)
        }
        let shards = results.live[session.label] ?? [:]
        // Up to the second every shard has published; the shards' last seconds are still open.
        let upTo = shards.values.map { ($0.keys.max() ?? -1) + 1 }.min() ?? 0
        let window = max(1, Int(session.reportInterval.seconds.rounded()))
        var total = ActionCounts()
        var last = ActionCounts()
        var latency = LatencyHistogram()
        var dropped = 0
        for buckets in shards.values {
            for (start, bucket) in buckets where start < upTo {
                total.add(bucket.counts.actionCounts)
                dropped += bucket.dropped
                guard start >= upTo - window else { continue }
                last.add(bucket.counts.actionCounts)
                if let h = try? bucket.latency.decodedHistogram() { latency.merge(h) }
            }
        }
        let seconds = Double(max(upTo, 1))
        let span = max(1, min(window, upTo))
        let parts = [
            "[\(session.label)] whole run, \(shards.count)/\(session.shard.count) shards", "\(upTo) s",
            "\(total.finished) actions, \((Double(total.finished) / seconds).rounded(to: 1))/s (last \(span) s: \(last.finished), "
                + "\((Double(last.finished) / Double(span)).rounded(to: 1))/s)",
            "success \((total.successRate * 100).rounded(to: 1)) %",
            last.finished == 0 ? "p50 - p99 -"
                : "p50 \(latency.percentile(50).milliseconds.rounded(to: 1)) ms p99 \(latency.percentile(99).milliseconds.rounded(to: 1)) ms",
            "with mismatches \(total.withMismatches)", "dropped \(dropped)",
        ]
        return parts.joined(separator: " | ")
    }

    func close() { reader?.close() }
}
