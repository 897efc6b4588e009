public import Networks

/// Reads of SPEC 3's global event log (`events_since`) that a test can rely on anywhere:
/// paging with the seqs themselves, no filter (SPEC does not fix a filter's shape).
public enum EventLog {
    /// Every event with `from ≤ seq ≤ through`, in seq order, paging `limit` at a time.
    public static func events(_ chain: NativeChain, from: Int64, through: Int64, limit: Int = 1_000) async throws -> [Event] {
        var collected: [Event] = []
        var next = from
        while next <= through {
            let page = try await chain.events(since: next, limit: limit)
            let inRange = page.events.filter { $0.seq >= next && $0.seq <= through }
            collected += inRange
            guard let last = page.events.last, last.seq >= next else { break }  // the log ends before `through`
            next = last.seq + 1
        }
        return collected
    }

    /// Waits until `consumer` has received every event with `from ≤ seq ≤ through`, and returns
    /// them in seq order. Every such event must have been committed after the consumer started.
    public static func delivered(
        _ consumer: KafkaEventConsumer, from: Int64, through: Int64, timeout: Duration = .seconds(30)
    ) async throws -> [KafkaEventRecord] {
        let wanted = Set(from...through)
        let description = "Kafka to deliver every event of seq \(from)...\(through)"
        _ = try await consumer.first(where: { _ in
            Set(consumer.received().map(\.event.seq)).isSuperset(of: wanted)
        }, timeout: timeout, waitingFor: description)
        var bySeq: [Int64: KafkaEventRecord] = [:]
        for record in consumer.received() where wanted.contains(record.event.seq) { bySeq[record.event.seq] = record }
        return bySeq.values.sorted { $0.event.seq < $1.event.seq }
    }
}
