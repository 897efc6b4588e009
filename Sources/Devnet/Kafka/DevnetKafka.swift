public import Networks

/// Where the devnet publishes its events (SPEC 8).
public enum KafkaMode: Sendable, Equatable {
    /// No Kafka (`USE_KAFKA=false`); `events_since` still works.
    case off
    /// librdkafka's in-process mock cluster, started by the node: the embedded default.
    case embedded
    /// A real cluster (`KAFKA_BROKERS`).
    case brokers(String)

    /// The mode the environment asks for: `USE_KAFKA=false` is off, `KAFKA_BROKERS` a real
    /// cluster, neither the embedded mock cluster. `useKafka` is the parsed `USE_KAFKA`.
    public static func from(useKafka: Bool, brokers: String?) -> KafkaMode {
        guard useKafka else { return .off }
        return brokers.map { .brokers($0) } ?? .embedded
    }
}

/// The devnet's Kafka: the producer every committed event goes through, and the embedded
/// mock cluster when the node started one.
public final class DevnetKafka: Sendable {
    public let producer: KafkaEventProducer
    /// The mock cluster in embedded mode; nil with real brokers.
    public let cluster: EmbeddedKafkaCluster?
    /// The bootstrap address `devnet_info.kafka` reports.
    public var bootstrapServers: String { producer.bootstrapServers }

    /// Starts Kafka in `mode`; nil when the mode is off. The blocking librdkafka setup runs on
    /// a thread of its own, off the cooperative pool.
    public static func start(_ mode: KafkaMode) async throws(KafkaError) -> DevnetKafka? {
        switch mode {
        case .off:
            return nil
        case .embedded:
            let cluster = try await EmbeddedKafkaCluster.start()
            return DevnetKafka(producer: try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers), cluster: cluster)
        case .brokers(let servers):
            return DevnetKafka(producer: try await KafkaEventProducer.connect(bootstrapServers: servers), cluster: nil)
        }
    }

    init(producer: KafkaEventProducer, cluster: EmbeddedKafkaCluster?) {
        self.producer = producer
        self.cluster = cluster
    }

    /// Flushes what is in flight, then stops the producer and the mock cluster.
    public func shutdown() {
        producer.close()
        cluster?.shutdown()
    }
}

extension DevnetNode {
    /// Publishes every event committed from now on through `kafka`, in commit order, and
    /// reports its bootstrap address in `devnet_info.kafka`.
    public func attach(_ kafka: DevnetKafka) {
        kafkaState.withLock { $0 = kafka }
        ledger.withLock { ledger in
            ledger.events.onCommit = { events in kafka.producer.publish(events) }
        }
    }

    /// The Kafka the node publishes to, if any.
    public var kafka: DevnetKafka? { kafkaState.withLock { $0 } }
}
