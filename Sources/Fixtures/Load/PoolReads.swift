import Networks
import Synchronization

/// The latest completed read of each pool's totals by any user of one run on one chain.
///
/// A holder's fee check needs the pool's `fees_received` from some moment before its
/// previous position read (SPEC 6: fees only grow). Any read whose answer arrived before a
/// user sends its state batch was taken before that batch's position reads, so instead of
/// reading every pool twice around each position, a user takes the freshest such read here
/// as its "before" and reads the pool once, after its position.
final class PoolReads: Sendable {
    private let latest = Mutex<[String: PoolInfo]>([:])

    /// The recorded reads of `agents`' pools, each completed before this call.
    func snapshot(_ agents: [String]) -> [String: PoolInfo] {
        latest.withLock { latest in
            var out: [String: PoolInfo] = [:]
            for agent in agents { out[agent] = latest[agent] }
            return out
        }
    }

    /// Records a completed read. The one with the most fees received is kept: it is the
    /// latest (fees only grow) and gives the tightest bound.
    func record(_ agent: String, _ pool: PoolInfo) {
        latest.withLock { latest in
            if let known = latest[agent], known.feesReceived > pool.feesReceived { return }
            latest[agent] = pool
        }
    }
}
