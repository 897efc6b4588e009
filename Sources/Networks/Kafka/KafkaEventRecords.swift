/// The records a consumer received, as an async sequence: each iteration replays everything
/// received since the consumer started, then follows new records until the consumer closes.
///
/// ```swift
/// for await record in consumer.records where record.event.type == "Transfer" { ... }
/// ```
public struct KafkaEventRecords: AsyncSequence, Sendable {
    public typealias Element = KafkaEventRecord
    public typealias Failure = Never

    let buffer: KafkaRecordBuffer

    public func makeAsyncIterator() -> Iterator { Iterator(buffer: buffer) }

    public struct Iterator: AsyncIteratorProtocol, Sendable {
        let buffer: KafkaRecordBuffer
        var index = 0

        /// The next record; `nil` once the consumer is closed and every record was returned,
        /// or when the iterating task is cancelled.
        public mutating func next() async -> KafkaEventRecord? {
            while true {
                if let record = buffer.record(at: index) {
                    index += 1
                    return record
                }
                guard await buffer.wait(beyond: index, deadline: nil) == .grown else { return nil }
            }
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async -> KafkaEventRecord? {
            await next()
        }
    }
}
