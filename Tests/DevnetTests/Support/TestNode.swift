import Devnet
import Networks

/// A fresh devnet for one test, with a fixed admin key and a fixed clock, reached through
/// the JSON-RPC API only (in process, no sockets).
struct TestNode {
    /// The block time of every transaction on a test node.
    static let time: Int64 = 1_700_000_000

    let node: DevnetNode
    let rpc: RPCClient
    let chain: NativeChain

    init(genesis: Genesis = .default) throws {
        node = DevnetNode(genesis: genesis, adminKey: try TestKeys.admin(), clock: { TestNode.time })
        rpc = RPCClient(transport: node.transport)
        chain = NativeChain(rpc: rpc)
    }

    var chainID: String { node.genesis.chainID }
}

/// Keys from fixed seeds, so every run signs the same bytes.
enum TestKeys {
    /// The key whose 32 seed bytes all equal `byte`.
    static func key(_ byte: UInt8) throws -> KeyPair { try KeyPair(seed: Array(repeating: byte, count: 32)) }

    static func admin() throws -> KeyPair { try key(0xAD) }
    static func alice() throws -> KeyPair { try key(0xA1) }
    static func bob() throws -> KeyPair { try key(0xB0) }
    /// A key that no test ever funds.
    static func stranger() throws -> KeyPair { try key(0x5E) }
}
