import Networks

/// The global, gap-free event log (SPEC 3). Events of a transaction are staged while it
/// runs and get their `seq` only when it succeeds, so a revert leaves no hole.
///
/// It keeps the newest `limit` events (`--retain-events`, docs/API.md "Retention"): asking
/// for older ones is refused with a message that names the oldest seq kept.
final class EventLog {
    /// The kept events, oldest first: `events[i]` has seq `firstSeq + i`.
    private(set) var events: [Event] = []
    /// The seq of `events[0]`: 1 until events were dropped.
    private(set) var firstSeq: Int64 = 1
    /// How many events are kept at most; older ones are dropped in chunks of an eighth of it.
    var limit = DevnetOptions.defaultRetainedEvents
    private var staged: [Event] = []
    /// Called with each batch of committed events, under the ledger's lock, so a publisher
    /// sees them in commit order (SPEC 8).
    var onCommit: (([Event]) -> Void)?
    /// Strict mode: event data keeps only the fields SPEC names for its type.
    var strict = false

    /// The seq the next committed event will get (seqs start at 1).
    var nextSeq: Int64 { firstSeq + Int64(events.count) }

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
        if events.count > limit + max(1, limit / 8) {
            let drop = events.count - limit
            events.removeFirst(drop)
            firstSeq += Int64(drop)
        }
        if !committed.isEmpty { onCommit?(committed) }
        return committed
    }

    func discardStaged() { staged.removeAll() }

    /// Events with `seq >= since` matching the filter, at most `limit`, and the seq to ask from
    /// next; refused when events from `since` on were dropped.
    func query(since: Int64, limit: Int, type: String?, resource: String?) throws(RPCError) -> (events: [Event], nextSeq: Int64) {
        if since < firstSeq, firstSeq > 1 {
            throw RPCError(code: RPCErrorCode.invalidParams,
                message: "params.seq: events before seq \(firstSeq) are no longer kept (this devnet keeps the newest \(self.limit); "
                    + "--retain-events keeps more): ask from seq \(firstSeq) or later",
                data: ["first_seq": .int(firstSeq)])
        }
        var out: [Event] = []
        var index = Int(max(since - firstSeq, 0))
        while index < events.count, out.count < limit {
            let event = events[index]
            if (type == nil || event.type == type) && (resource == nil || event.resource == resource) { out.append(event) }
            index += 1
        }
        return (out, firstSeq + Int64(index))
    }
}
