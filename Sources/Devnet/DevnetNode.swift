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
    /// Due jobs a request runs before it and after it, at most: a short backlog (a test's
    /// clock moved a few minutes, a tag released a few days) is worked off before the next
    /// answer, and a long one (years of a backdated agent, a far fast-forward) never stalls a
    /// request; the scheduler's ticks work off the rest, in due order (SPEC 7).
    public static let jobsPerRequest = 1_000
    /// Due jobs one scheduler tick runs under one hold of the lock; the next tick follows at
    /// once while a backlog remains, and requests are served in between.
    public static let jobsPerTick = 1_000

    public let genesis: Genesis
    /// The admin account's key; admin calls are ordinary transactions signed with it.
    public let adminKey: KeyPair
    /// The key that signs underlying payment proofs (SPEC 5).
    public let attestorKey: KeyPair
    /// SHA-256 of the canonical genesis and admin address: a new value for every boot.
    public let genesisHash: String
    /// Strict mode and the fault switch as the node was started.
    public let options: DevnetOptions
    /// The HTTP fault switch (latency, lost answers, 502/503, closed connections).
    public let faultInjector: FaultInjector
    let ledger: Mutex<Ledger>
    let kafkaState = Mutex<DevnetKafka?>(nil)

    public init(
        genesis: Genesis = .default, adminKey: KeyPair = KeyPair(), attestorKey: KeyPair = KeyPair(),
        clock: @escaping @Sendable () -> Int64 = DevnetNode.systemClock, options: DevnetOptions = DevnetOptions()
    ) {
        self.genesis = genesis
        self.adminKey = adminKey
        self.attestorKey = attestorKey
        self.options = options
        let seed: JSON = ["genesis": genesis.json, "admin": .string(adminKey.address)]
        self.genesisHash = Digest.sha256Hex(seed.canonicalBytes)
        let faults = FaultInjector(options.faults)
        self.faultInjector = faults
        let ledger = Ledger(genesis: genesis, adminAddress: adminKey.address, attestorAddress: attestorKey.address, clock: clock,
            options: options, faults: faults)
        ledger.plants.set(options.plants)
        self.ledger = Mutex(ledger)
    }

    /// Runs `body` on the ledger under the lock, between the jobs that are due (SPEC 7): those
    /// due before it, and those a call made due (a tag moved, an agent created), at most
    /// `DevnetNode.jobsPerRequest` each, so a long backlog never stalls a request.
    func withLedger<T, E: Error>(_ body: (inout sending Ledger) throws(E) -> sending T) throws(E) -> sending T {
        try ledger.withLock { ledger throws(E) in
            ledger.runDueJobs(limit: DevnetNode.jobsPerRequest)
            defer { ledger.runDueJobs(limit: DevnetNode.jobsPerRequest) }
            return try body(&ledger)
        }
    }

    /// Runs at most `limit` due jobs in due order under one hold of the lock and returns how
    /// many ran; the server's scheduler calls it so jobs run between requests.
    @discardableResult
    public func runDueJobs(limit: Int = DevnetNode.jobsPerTick) -> Int {
        ledger.withLock { $0.runDueJobs(limit: limit) }
    }

    /// Whether a job is due now (a backlog is still being worked off).
    public var hasDueJobs: Bool { ledger.withLock { $0.scheduler.nextDue(now: $0.clock()) != nil } }

    /// Runs due jobs until the task is cancelled, so scheduled jobs run (and their events
    /// appear) even when no request arrives: a batch of at most `DevnetNode.jobsPerTick` jobs per
    /// hold of the lock, the next batch at once while a backlog remains (requests get the lock
    /// in between), and a check every `interval` when none is due.
    public func runScheduler(every interval: Duration = .milliseconds(200)) async {
        while !Task.isCancelled {
            if runDueJobs() == DevnetNode.jobsPerTick {
                await Task.yield()
            } else {
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Seconds since the epoch from the system clock.
    public static let systemClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    /// A transport that hands request bodies straight to this node's dispatcher.
    public var transport: InProcessTransport { InProcessTransport(node: self) }

    /// Answers one HTTP request body; `nil` when nothing is to be sent back (notifications only).
    public func handle(_ body: [UInt8]) -> [UInt8]? {
        handleReportingInclusion(body).answer
    }

    /// Answers one request body and says whether it included a transaction (native or
    /// underlying), which is what the `drop-after-include` fault needs to know.
    public func handleReportingInclusion(_ body: [UInt8]) -> (answer: [UInt8]?, included: Bool) {
        RPCDispatcher(node: self).handle(body)
    }
}
