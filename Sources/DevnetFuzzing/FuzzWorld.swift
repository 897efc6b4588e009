import Devnet
import Networks
import Synchronization

/// The fixed cast of a fuzz run: keys from fixed seeds, so every input replays exactly.
enum FuzzKeys {
    static func key(_ byte: UInt8) -> KeyPair { (try? KeyPair(seed: Array(repeating: byte, count: 32))) ?? KeyPair() }

    static let admin = key(0xAD)
    static let attestor = key(0xA7)
    /// alice: plenty; bob: near 2^120 of each; carol: almost nothing; dave: never funded.
    static let actors = [admin, key(0xA1), key(0xB0), key(0xC0), key(0xD0)]
    static let addresses = actors.map(\.address)
    static let start: Int64 = 1_700_000_000

    /// Two genesis agents and the actors' allocations: big enough to reach 128-bit edges.
    static let genesis: Genesis = {
        let big = "1329227995784915872903807060280344576"  // 2^120
        let json: JSON = [
            "accounts": [
                ["address": .string(addresses[0]), "nat": "1000000000000000000000000"],
                ["address": .string(addresses[1]), "nat": "1000000000000000000000000", "und": "10000000000000"],
                ["address": .string(addresses[2]), "nat": .string(big), "und": .string(big)],
                ["address": .string(addresses[3]), "nat": "1000000000000000000", "und": "100"],
            ],
            "asset": ["agents": [["fee_bips": 25, "free_lots": 1_000], ["fee_bips": 150, "free_lots": 1_000]]],
        ]
        return (try? Genesis(json: json)) ?? .default
    }()
}

/// A clock the program moves; jobs due by it run before the next request.
final class FuzzClock: Sendable {
    private let value = Mutex(FuzzKeys.start)
    var now: Int64 { value.withLock { $0 } }
    func advance(by seconds: Int64) { value.withLock { $0 = $0 &+ max(seconds, 0) } }
}

/// One fuzz input's world: a fresh node, what the program has learned about it, and the
/// problems found so far.
final class FuzzWorld {
    let clock = FuzzClock()
    let node: DevnetNode
    var problems: [String] = []
    // What earlier answers revealed, so later operations can name real things.
    var agents: [String] = []
    var pools: [String] = []
    var instances: [String] = []
    var reservations: [Reservation] = []
    var payments: [String] = []
    var requests: [Int64] = []
    var tags: [String] = ["t0"]
    var hashes: [String] = []
    /// Every checked request: its label and whether it did what it asked (a successful
    /// receipt or payment, or a result), for tracing programs into seeds.
    var outcomes: [(label: String, succeeded: Bool)] = []

    struct Reservation {
        let id: Int64
        let address: String
        let reference: String
        let amount: Int128
    }

    init() {
        let clock = self.clock
        node = DevnetNode(genesis: FuzzKeys.genesis, adminKey: FuzzKeys.admin, attestorKey: FuzzKeys.attestor, clock: { clock.now })
        for agent in (try? JSON.parse(node.handle(FuzzRequest.make("nat_call", ["contract": "asset_manager", "method": "get_agents"]))
            ?? []))?["result"]?.arrayValue ?? []
        {
            if let id = agent["id"]?.stringValue, let pool = agent["pool"]?.stringValue {
                agents.append(id)
                pools.append(pool)
            }
        }
    }

    /// Next nonces and sequences as far as the program knows: asked once, then counted.
    var nonces: [String: Int64] = [:]
    var sequences: [String: Int64] = [:]

    func nonce(_ address: String) -> Int64 {
        if let known = nonces[address] { return known }
        let asked = result(of: FuzzRequest.make("nat_getNonce", ["address": .string(address)]))?.intValue ?? 0
        nonces[address] = asked
        return asked
    }

    func sequence(_ address: String) -> Int64 {
        if let known = sequences[address] { return known }
        let asked = result(of: FuzzRequest.make("und_getSequence", ["address": .string(address)]))?.intValue ?? 0
        sequences[address] = asked
        return asked
    }

    /// The result of a helper request the program did not ask for (not checked).
    func result(of body: [UInt8]) -> JSON? {
        node.handle(body).flatMap { try? JSON.parse($0) }?["result"]
    }
}
