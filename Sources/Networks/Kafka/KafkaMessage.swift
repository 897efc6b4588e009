/// A message as it is stored in Kafka: where, its key and value bytes. What the devnet's
/// topics carry are events (`KafkaEventRecord`); other topics carry whatever their producers
/// wrote, and a `KafkaMessageReader` hands them over as they are.
public struct KafkaMessage: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]
    public var value: [UInt8]

    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8], value: [UInt8]) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
    }

    /// The key as UTF-8 text.
    public var keyText: String { String(decoding: key, as: UTF8.self) }
}
