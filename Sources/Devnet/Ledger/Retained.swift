/// A map by hash that keeps only its newest `limit` entries (in insertion order): receipts
/// and underlying transactions, which a long-running devnet would otherwise keep forever
/// (docs/API.md "Retention").
struct Retained<Value> {
    let limit: Int
    private var storage: [String: Value] = [:]
    /// Keys in insertion order from `head` on; the slots before `head` were dropped.
    private var order: [String] = []
    private var head = 0
    /// How many entries were dropped to stay within `limit`.
    private(set) var dropped = 0

    init(limit: Int) { self.limit = max(1, limit) }

    subscript(key: String) -> Value? { storage[key] }

    /// The kept values, in no order.
    var values: Dictionary<String, Value>.Values { storage.values }

    var count: Int { storage.count }

    /// Adds or replaces the value of `key`; the oldest entries go once there are more than
    /// `limit`, and are returned (the ledger keeps the sums its audit needs).
    @discardableResult
    mutating func insert(_ value: Value, for key: String) -> [Value] {
        var gone: [Value] = []
        if storage.updateValue(value, forKey: key) == nil { order.append(key) }
        while storage.count > limit, head < order.count {
            if let old = storage.removeValue(forKey: order[head]) { gone.append(old) }
            head += 1
            dropped += 1
        }
        if head >= 4096, head * 2 >= order.count {
            order.removeFirst(head)
            head = 0
        }
        return gone
    }

    /// Why a hash may be unknown once entries were dropped: appended to the "unknown" error.
    func droppedNote(_ flag: String) -> String {
        dropped == 0 ? "" : " (or older than the newest \(limit) this devnet keeps: \(dropped) were dropped; \(flag) keeps more)"
    }
}
