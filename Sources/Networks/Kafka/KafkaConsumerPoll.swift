import CRdKafka

/// One turn of a consumer's poll thread: wait briefly for a message and keep what it carries.
enum KafkaConsumerPoll {
    /// How long one poll may block; it bounds how long `close()` waits for the thread.
    static let timeoutMS: Int32 = 50

    static func once(_ rk: KafkaHandle, into buffer: KafkaRecordBuffer) {
        guard let message = rd_kafka_consumer_poll(rk.raw, timeoutMS) else { return }
        defer { rd_kafka_message_destroy(message) }
        let m = message.pointee
        guard m.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            // Broker down, transport errors, partition EOF: librdkafka recovers by itself.
            buffer.noteError(KafkaClient.describe(m.err))
            return
        }
        let value = bytes(m.payload, m.len)
        guard let json = try? JSON.parse(value), let event = Event(json: json) else {
            buffer.noteUndecodable()
            return
        }
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let key = String(decoding: bytes(m.key, m.key_len), as: UTF8.self)
        buffer.append(
            KafkaEventRecord(
                topic: topic, partition: m.partition, offset: m.offset, key: key, event: event,
                receivedAt: .now))
    }

    private static func bytes(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> UnsafeRawBufferPointer {
        guard let pointer, count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: count)
    }
}
