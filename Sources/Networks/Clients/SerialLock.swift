/// A FIFO lock for actors whose work spans awaits: holders run one at a time, in arrival order.
/// Accounts use it so that their transactions reach the node in nonce (or sequence) order.
struct SerialLock {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Returns a continuation to await when the lock is taken, or `nil` when it was free.
    mutating func enqueue(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        if !busy {
            busy = true
            return false
        }
        waiters.append(continuation)
        return true
    }

    mutating func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
