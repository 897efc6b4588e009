import CRdKafka

/// Where a consumer starts: the end (high watermark) of every partition of its topics,
/// read from the brokers when the consumer is created.
enum KafkaAssignment {
    /// The partitions of `topics` and their current end offsets. A topic the cluster's
    /// metadata does not list (or lists as unknown) has no partitions yet and is skipped.
    static func currentEnds(
        of topics: [String], on rk: KafkaHandle, brokers: String, timeout: Duration
    ) throws(KafkaError) -> [KafkaPartitionOffset] {
        let deadline = ContinuousClock.now + timeout
        let partitions = try partitionCounts(of: topics, on: rk, brokers: brokers, timeout: timeout)
        guard let list = rd_kafka_topic_partition_list_new(Int32(clamping: partitions.values.reduce(0, +))) else {
            throw .assignFailed(brokers: brokers, message: "could not allocate a partition list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics {
            for partition in 0..<(partitions[topic] ?? 0) {
                // Timestamp -1 asks for the latest offset: one ListOffsets request per broker for
                // every partition, instead of one watermark round trip per partition.
                rd_kafka_topic_partition_list_add(list, topic, partition)?.pointee.offset = Int64(RD_KAFKA_OFFSET_END)
            }
        }
        let err = rd_kafka_offsets_for_times(rk.raw, list, KafkaClient.remaining(until: deadline))
        var ends: [KafkaPartitionOffset] = []
        for entry in UnsafeBufferPointer(start: list.pointee.elems, count: Int(list.pointee.cnt)) {
            let topic = String(cString: entry.topic)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, entry.err == RD_KAFKA_RESP_ERR_NO_ERROR, entry.offset >= 0 else {
                throw .watermarkQueryFailed(
                    topic: topic, partition: entry.partition, brokers: brokers, timeout: timeout,
                    message: KafkaClient.describe(err != RD_KAFKA_RESP_ERR_NO_ERROR ? err : entry.err))
            }
            ends.append(KafkaPartitionOffset(topic: topic, partition: entry.partition, offset: entry.offset))
        }
        return ends
    }

    /// Assigns the consumer `start` without joining a consumer group.
    static func assign(_ start: [KafkaPartitionOffset], to rk: KafkaHandle, brokers: String) throws(KafkaError) {
        guard let list = rd_kafka_topic_partition_list_new(Int32(clamping: start.count)) else {
            throw .assignFailed(brokers: brokers, message: "could not allocate a partition list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for p in start {
            rd_kafka_topic_partition_list_add(list, p.topic, p.partition)?.pointee.offset = p.offset
        }
        let err = rd_kafka_assign(rk.raw, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .assignFailed(brokers: brokers, message: KafkaClient.describe(err))
        }
    }

    /// Partition counts from one metadata request for all topics (asking for named topics
    /// could make a broker auto-create them).
    private static func partitionCounts(
        of topics: [String], on rk: KafkaHandle, brokers: String, timeout: Duration
    ) throws(KafkaError) -> [String: Int32] {
        var metadata: UnsafePointer<rd_kafka_metadata_t>?
        let err = rd_kafka_metadata(rk.raw, 1, nil, &metadata, KafkaClient.milliseconds(timeout))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw .metadataFailed(brokers: brokers, timeout: timeout, message: KafkaClient.describe(err))
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        let wanted = Set(topics)
        var counts: [String: Int32] = [:]
        let listed = UnsafeBufferPointer(start: metadata.pointee.topics, count: Int(metadata.pointee.topic_cnt))
        for entry in listed {
            let name = String(cString: entry.topic)
            guard wanted.contains(name) else { continue }
            switch entry.err {
            case RD_KAFKA_RESP_ERR_NO_ERROR: counts[name] = entry.partition_cnt
            case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART: counts[name] = 0
            default: throw .topicUnavailable(topic: name, brokers: brokers, message: KafkaClient.describe(entry.err))
            }
        }
        return counts
    }
}
