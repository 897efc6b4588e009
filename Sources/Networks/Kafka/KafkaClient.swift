import CRdKafka

/// An `rd_kafka_t` handle. librdkafka's client API is thread-safe, so the handle may be
/// used from several threads; its owner decides when `rd_kafka_destroy` runs.
package struct KafkaHandle: @unchecked Sendable {
    package let raw: OpaquePointer

    package init(_ raw: OpaquePointer) { self.raw = raw }
}

/// Builds librdkafka clients with checked configuration.
package enum KafkaClient {
    package enum Role: Sendable {
        case producer, consumer

        var name: String { self == .producer ? "producer" : "consumer" }
        var type: rd_kafka_type_t { self == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER }
    }

    /// What every client sets to reach `bootstrapServers` quickly and come back quickly after
    /// an outage: no Nagle delay, reconnects from 20 ms backing off to 500 ms.
    package static func connection(_ bootstrapServers: String) -> [(String, String)] {
        [
            ("bootstrap.servers", bootstrapServers), ("socket.nagle.disable", "true"),
            ("reconnect.backoff.ms", "20"), ("reconnect.backoff.max.ms", "500"),
        ]
    }

    /// Creates a client: `defaults` are set first, then `overrides` in key order (a later
    /// value wins), then `configure` installs callbacks on the configuration.
    ///
    /// Client logs are dropped: errors reach the owner through its error callback instead of
    /// stderr, where a broker outage would otherwise print a line per reconnect attempt.
    package static func make(
        _ role: Role, defaults: [(String, String)], overrides: [String: String] = [:],
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) -> KafkaHandle {
        guard let conf = rd_kafka_conf_new() else {
            throw .clientCreationFailed(role: role.name, message: "rd_kafka_conf_new returned NULL (out of memory)")
        }
        let settings = defaults + overrides.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for (key, value) in settings {
            var reason = [CChar](repeating: 0, count: 512)
            if rd_kafka_conf_set(conf, key, value, &reason, reason.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw .configRejected(key: key, value: value, message: cString(reason))
            }
        }
        rd_kafka_conf_set_log_cb(conf) { _, _, _, _ in }
        configure(conf)
        var reason = [CChar](repeating: 0, count: 512)
        guard let rk = rd_kafka_new(role.type, conf, &reason, reason.count) else {
            // On failure the configuration still belongs to the caller.
            rd_kafka_conf_destroy(conf)
            throw .clientCreationFailed(role: role.name, message: cString(reason))
        }
        return KafkaHandle(rk)
    }

    /// librdkafka's text for an error code.
    package static func describe(_ err: rd_kafka_resp_err_t) -> String {
        String(cString: rd_kafka_err2str(err))
    }

    /// A timeout for librdkafka calls, in whole milliseconds (at least 1, at most Int32.max).
    package static func milliseconds(_ duration: Duration) -> Int32 {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(ms, 1))
    }

    /// What is left of `deadline` as a librdkafka timeout.
    package static func remaining(until deadline: ContinuousClock.Instant) -> Int32 {
        milliseconds(deadline - .now)
    }

    private static func cString(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
