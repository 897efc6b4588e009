public import Networks
import Foundation
import Synchronization

/// The reference node: a ledger behind a lock, answering JSON-RPC request bodies.
///
/// The same node serves HTTP (`DevnetServer`) and in-process calls (`transport`), so
/// tests can reach it with or without sockets.
public final class DevnetNode: Sendable {
    /// Request bodies larger than this are refused with -32600 (SPEC 2).
    public static let maxBodyBytes = 1 << 20
    /// Batches larger than this are refused with -32600.
    public static let maxBatchSize = 1000

    public let genesis: Genesis
    /// The admin account's key; admin calls are ordinary transactions signed with it.
    public let adminKey: KeyPair
    /// The key that signs underlying payment proofs (SPEC 5).
    public let attestorKey: KeyPair
    /// SHA-256 of the canonical genesis and admin address: a new value for every boot.
    public let genesisHash: String
    let ledger: Mutex<Ledger>
    let kafkaState = Mutex<DevnetKafka?>(nil)

    public init(
        genesis: Genesis = .default, adminKey: KeyPair = KeyPair(), attestorKey: KeyPair = KeyPair(),
        clock: @escaping @Sendable () -> Int64 = DevnetNode.systemClock
    ) {
        self.genesis = genesis
        self.adminKey = adminKey
        self.attestorKey = attestorKey
        let seed: JSON = ["genesis": genesis.json, "admin": .string(adminKey.address)]
        self.genesisHash = Digest.sha256Hex(seed.canonicalBytes)
        self.ledger = Mutex(Ledger(genesis: genesis, adminAddress: adminKey.address, attestorAddress: attestorKey.address, clock: clock))
    }

    /// Runs `body` on the ledger under the lock, between the jobs that are due (SPEC 7): those
    /// due before it, and those a call made due (a tag moved, an agent created).
    func withLedger<T, E: Error>(_ body: (inout sending Ledger) throws(E) -> sending T) throws(E) -> sending T {
        try ledger.withLock { ledger throws(E) in
            ledger.runDueJobs()
            defer { ledger.runDueJobs() }
            return try body(&ledger)
        }
    }

    /// Runs the jobs that are due; the server calls it on a timer so jobs run between requests.
    public func runDueJobs() {
        ledger.withLock { $0.runDueJobs() }
    }

    /// Runs due jobs every `interval` until the task is cancelled, so scheduled jobs run
    /// (and their events appear) even when no request arrives.
    public func runScheduler(every interval: Duration = .milliseconds(200)) async {
        while !Task.isCancelled {
            runDueJobs()
            try? await Task.sleep(for: interval)
        }
    }

    /// Seconds since the epoch from the system clock.
    public static let systemClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    /// A transport that hands request bodies straight to this node's dispatcher.
    public var transport: InProcessTransport { InProcessTransport(node: self) }

    /// Answers one HTTP request body; `nil` when nothing is to be sent back (notifications only).
    public func handle(_ body: [UInt8]) -> [UInt8]? {
        RPCDispatcher(node: self).handle(body)
    }
}

/// Calls a `DevnetNode` without sockets: the dispatcher runs on the caller's task.
public struct InProcessTransport: Transport {
    public let node: DevnetNode

    public func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        node.handle(body) ?? []
    }
}
