import Foundation
import Networks
import Testing

/// Events and checks shared by the Kafka tests.
enum KafkaSamples {
    /// Types that cover the three devnet topics.
    static let types = [
        "Transfer", "UnderlyingPayment", "ScheduleJobCompleted", "KeyPriceUpdated", "UnderlyingSettings",
        "ScheduleJobFailed",
    ]

    /// Events with consecutive `seqs`, spread over `resources` keys and every topic.
    static func events(_ seqs: Range<Int64>, resources: Int64 = 5, types: [String] = types) -> [Event] {
        seqs.map { seq in
            Event(
                seq: seq, type: types[Int(seq) % types.count], timestamp: 1_700_000_000 + seq,
                resource: "resource-\(seq % resources)", data: ["amount": .string("\(seq * 7)"), "memo": "kafka test"])
        }
    }

    /// Checks that every record sits on its event's topic under its resource key, and that
    /// the events of one key on one topic arrived in publishing (seq) order.
    static func expectRoutedInOrder(_ records: [KafkaEventRecord], sourceLocation: SourceLocation = #_sourceLocation) {
        for r in records {
            #expect(
                r.topic == DevnetTopic.forEvent(type: r.event.type), "event \(r.event.seq) of type \(r.event.type) on \(r.topic)",
                sourceLocation: sourceLocation)
            #expect(r.key == r.event.resource, "event \(r.event.seq) keyed \(r.key)", sourceLocation: sourceLocation)
        }
        let streams = Dictionary(grouping: records) { "\($0.topic)/\($0.key)" }
        for (stream, records) in streams {
            let seqs = records.map(\.event.seq)
            #expect(seqs == seqs.sorted(), "\(stream) arrived out of order: \(seqs)", sourceLocation: sourceLocation)
        }
    }
}
