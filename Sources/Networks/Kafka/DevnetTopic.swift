/// The Kafka topics the devnet publishes its events to (SPEC 8).
public enum DevnetTopic {
    /// Native chain and contract events.
    public static let native = "devnet.native"
    /// Events of the underlying chain: payments and its settings.
    public static let underlying = "devnet.underlying"
    /// The scheduler: jobs completed or failed, tags created or moved.
    public static let schedules = "devnet.schedules"

    /// Every devnet topic, in a fixed order.
    public static let all = [native, underlying, schedules]

    /// The topic an event of `type` is published to.
    public static func forEvent(type: String) -> String {
        switch type {
        case "ScheduleJobCompleted", "ScheduleJobFailed", "ScheduleTagCreated", "ScheduleTagUpdated": schedules
        case "UnderlyingPayment", "UnderlyingSettings": underlying
        default: native
        }
    }
}
