/// Ids of closed reservations or redemptions in the order they closed, so that a long-running
/// devnet keeps only the newest of them (docs/API.md "Retention").
struct ClosedIDs {
    private var order: [Int64] = []
    private var head = 0

    /// Notes that `id` closed; returns the ids to drop so that at most `limit` stay.
    mutating func close(_ id: Int64, limit: Int) -> [Int64] {
        order.append(id)
        var gone: [Int64] = []
        while order.count - head > limit {
            gone.append(order[head])
            head += 1
        }
        if head >= 4096, head * 2 >= order.count {
            order.removeFirst(head)
            head = 0
        }
        return gone
    }
}
