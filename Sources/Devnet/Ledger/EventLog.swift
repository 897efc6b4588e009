import Networks

/// The global, gap-free event log (SPEC 3). Events of a transaction are staged while it
/// runs and get their `seq` only when it succeeds, so a revert leaves no hole.
final class EventLog {
    private(set) var events: [Event] = []
    private var staged: [Event] = []
    /// Called with each batch of committed events, under the ledger's lock, so a publisher
    /// sees them in commit order (SPEC 8).
    var onCommit: (([Event]) -> Void)?
    /// Strict mode: event data keeps only the fields SPEC names for its type.
    var strict = false

    /// The seq the next committed event will get (seqs start at 1).
    var nextSeq: Int64 { Int64(events.count) + 1 }

    func stage(type: String, resource: String, timestamp: Int64, data: JSON) {
        staged.append(Event(seq: 0, type: type, timestamp: timestamp, resource: resource,
            data: strict ? StrictProfile.eventData(type: type, data) : data))
    }

    /// Gives the staged events their seqs and appends them; returns them.
    @discardableResult
    func commit() -> [Event] {
        var committed: [Event] = []
        for var event in staged {
            event.seq = nextSeq
            events.append(event)
            committed.append(event)
        }
        staged.removeAll()
        if !committed.isEmpty { onCommit?(committed) }
        return committed
    }

    func discardStaged() { staged.removeAll() }

    /// Events with `seq >= since` matching the filter, at most `limit`, and the seq to ask from next.
    func query(since: Int64, limit: Int, type: String?, resource: String?) -> (events: [Event], nextSeq: Int64) {
        var out: [Event] = []
        var index = max(Int(since) - 1, 0)
        while index < events.count, out.count < limit {
            let event = events[index]
            if (type == nil || event.type == type) && (resource == nil || event.resource == resource) { out.append(event) }
            index += 1
        }
        return (out, Int64(index) + 1)
    }
}
