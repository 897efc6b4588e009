/// What a producer has done with the events it was given.
public struct KafkaDeliveryStats: Sendable, Hashable {
    /// Events given to `publish`.
    public var produced: Int
    /// Events the brokers acknowledged.
    public var delivered: Int
    /// Events that could not be queued, were published after `close()`, or were finally
    /// rejected (e.g. still undelivered when `message.timeout.ms` ran out).
    public var failed: Int
    /// The last delivery or client error, e.g. a broker going down.
    public var lastError: String?
    /// Times `publish` found the local queue full and waited for room instead of dropping.
    public var queueFullWaits: Int

    public init(produced: Int = 0, delivered: Int = 0, failed: Int = 0, lastError: String? = nil, queueFullWaits: Int = 0) {
        self.produced = produced
        self.delivered = delivered
        self.failed = failed
        self.lastError = lastError
        self.queueFullWaits = queueFullWaits
    }

    /// Events queued but not yet acknowledged or failed.
    public var inFlight: Int { produced - delivered - failed }
}
