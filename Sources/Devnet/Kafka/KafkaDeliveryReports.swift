import CRdKafka
import Networks
import Synchronization

/// Counts a producer's delivery reports and errors. librdkafka calls its C callbacks with a
/// pointer to this object, from whichever thread polls the producer.
final class KafkaDeliveryReports: Sendable {
    private let stats = Mutex(KafkaDeliveryStats())

    var snapshot: KafkaDeliveryStats { stats.withLock { $0 } }

    func noteProduced() { stats.withLock { $0.produced += 1 } }

    func noteFailed(_ message: String) {
        stats.withLock { s in
            s.failed += 1
            s.lastError = message
        }
    }

    func noteQueueFull() { stats.withLock { $0.queueFullWaits += 1 } }

    func noteError(_ message: String) { stats.withLock { $0.lastError = message } }

    /// Installs the delivery-report and error callbacks on `conf`. The reports object must
    /// outlive the client made from `conf`.
    func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
            guard let opaque, let message else { return }
            let reports = Unmanaged<KafkaDeliveryReports>.fromOpaque(opaque).takeUnretainedValue()
            let err = message.pointee.err
            if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                reports.stats.withLock { $0.delivered += 1 }
            } else {
                reports.noteFailed("delivery failed: \(KafkaClient.describe(err))")
            }
        }
        rd_kafka_conf_set_error_cb(conf) { _, code, reason, opaque in
            guard let opaque else { return }
            let reports = Unmanaged<KafkaDeliveryReports>.fromOpaque(opaque).takeUnretainedValue()
            reports.noteError(reason.map { String(cString: $0) } ?? "error \(code)")
        }
    }
}
