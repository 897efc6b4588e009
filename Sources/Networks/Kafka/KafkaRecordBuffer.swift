import Synchronization

/// Every record a consumer has received, in arrival order, and the tasks waiting for more.
///
/// The poll thread appends; any task reads by index and may suspend until the buffer grows,
/// a deadline passes, its task is cancelled, or the consumer closes.
final class KafkaRecordBuffer: Sendable {
    enum WaitOutcome: Sendable { case grown, closed, timedOut, cancelled }

    private struct PartitionID: Hashable {
        let topic: String
        let partition: Int32
    }

    private struct State {
        var records: [KafkaEventRecord] = []
        var lastOffset: [PartitionID: Int64] = [:]
        var stats = KafkaConsumerStats()
        /// Counts every change (a record, an undecodable message, an error), for waits on stats.
        var version: UInt64 = 0
        var closed = false
        var nextWaitID: UInt64 = 0
        /// Waits in progress; a value is an outcome that arrived before the wait suspended.
        var waits: [UInt64: WaitOutcome?] = [:]
        var suspended: [UInt64: CheckedContinuation<WaitOutcome, Never>] = [:]

        mutating func takeSuspended() -> [CheckedContinuation<WaitOutcome, Never>] {
            defer { suspended.removeAll() }
            return Array(suspended.values)
        }
    }

    private let state = Mutex(State())

    /// Sets where each partition starts: offsets below `offset` count as already seen.
    func setStart(_ start: [KafkaPartitionOffset]) {
        state.withLock { s in
            for p in start { s.lastOffset[PartitionID(topic: p.topic, partition: p.partition)] = p.offset - 1 }
        }
    }

    var count: Int { state.withLock { $0.records.count } }
    var stats: KafkaConsumerStats { state.withLock { $0.stats } }
    /// The stats and the change count they were read at.
    var versionedStats: (stats: KafkaConsumerStats, version: UInt64) { state.withLock { ($0.stats, $0.version) } }
    var snapshot: [KafkaEventRecord] { state.withLock { $0.records } }

    func records(from index: Int) -> ArraySlice<KafkaEventRecord> {
        state.withLock { s in index < s.records.count ? s.records[max(0, index)...] : [] }
    }

    func record(at index: Int) -> KafkaEventRecord? {
        state.withLock { index < $0.records.count ? $0.records[index] : nil }
    }

    /// Keeps `record` unless its offset is not beyond the last one seen on its partition.
    func append(_ record: KafkaEventRecord) {
        let woken = state.withLock { s -> [CheckedContinuation<WaitOutcome, Never>] in
            let id = PartitionID(topic: record.topic, partition: record.partition)
            if let last = s.lastOffset[id], record.offset <= last {
                s.stats.duplicatesDropped += 1
                return []
            }
            s.lastOffset[id] = record.offset
            s.records.append(record)
            s.stats.received += 1
            s.version += 1
            return s.takeSuspended()
        }
        for c in woken { c.resume(returning: .grown) }
    }

    func noteUndecodable() { change { $0.undecodable += 1 } }

    func noteError(_ message: String) {
        change { stats in
            stats.errors += 1
            stats.lastError = message
        }
    }

    /// Updates the stats and wakes every wait, so a wait on the stats re-checks them.
    private func change(_ update: (inout KafkaConsumerStats) -> Void) {
        let woken = state.withLock { s -> [CheckedContinuation<WaitOutcome, Never>] in
            update(&s.stats)
            s.version += 1
            return s.takeSuspended()
        }
        for c in woken { c.resume(returning: .grown) }
    }

    /// Ends every wait, present and future, with `.closed` once the records are exhausted.
    func close() {
        let woken = state.withLock { s -> [CheckedContinuation<WaitOutcome, Never>] in
            s.closed = true
            return s.takeSuspended()
        }
        for c in woken { c.resume(returning: .closed) }
    }

    /// Returns `.grown` as soon as there are more than `count` records, or why it stopped waiting.
    func wait(beyond count: Int, deadline: ContinuousClock.Instant?) async -> WaitOutcome {
        await wait(deadline: deadline) { $0.records.count > count }
    }

    /// Returns `.grown` as soon as anything changed after `version`, or why it stopped waiting.
    func wait(changedAfter version: UInt64, deadline: ContinuousClock.Instant?) async -> WaitOutcome {
        await wait(deadline: deadline) { $0.version > version }
    }

    private func wait(deadline: ContinuousClock.Instant?, ready: (State) -> Bool) async -> WaitOutcome {
        let id = state.withLock { s in
            s.nextWaitID += 1
            s.waits[s.nextWaitID] = .some(nil)
            return s.nextWaitID
        }
        let timer = deadline.map { deadline in
            Task { [self] in
                guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                resolve(id, .timedOut)
            }
        }
        defer {
            timer?.cancel()
            state.withLock { _ = $0.waits.removeValue(forKey: id) }
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WaitOutcome, Never>) in
                let now = state.withLock { s -> WaitOutcome? in
                    if ready(s) { return .grown }
                    if case .some(.some(let early)) = s.waits[id] { return early }
                    if s.closed { return .closed }
                    s.suspended[id] = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            resolve(id, .cancelled)
        }
    }

    /// Ends wait `id` with `outcome`, or remembers the outcome if the wait has not suspended yet.
    private func resolve(_ id: UInt64, _ outcome: WaitOutcome) {
        let continuation = state.withLock { s -> CheckedContinuation<WaitOutcome, Never>? in
            if let c = s.suspended.removeValue(forKey: id) { return c }
            if s.waits[id] != nil { s.waits[id] = .some(outcome) }
            return nil
        }
        continuation?.resume(returning: outcome)
    }
}
