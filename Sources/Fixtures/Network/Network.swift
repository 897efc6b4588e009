import Devnet
import Networks

/// The shared network fixture: one connection per test process, opened on first use.
///
/// With `DEVNET_URL` unset it boots the embedded devnet on an ephemeral loopback port
/// and talks to it over HTTP; it lives as long as the test process. With `DEVNET_URL`
/// set it connects there, using `DEVNET_ADMIN_KEY` for admin calls.
public actor Network {
    /// The process-wide network every suite shares. Tests isolate themselves by creating
    /// what they mutate (their own contract instances and accounts), never by owning it.
    public static let shared = Network()

    private var opening: Task<Connection, any Error>?
    private var embedded: EmbeddedDevnetServer?

    /// The connection, opened (and the embedded devnet booted) on first call.
    public func connection() async throws -> Connection {
        if let opening { return try await opening.value }
        let task = Task { try await open() }
        opening = task
        return try await task.value
    }

    /// SPEC's default genesis with one change: a 15-second redemption payment window instead
    /// of 600, so that a short load run sees redemptions defaulted (README "The embedded devnet").
    public static var embeddedGenesis: Genesis {
        var genesis = Genesis.default
        genesis.asset.redemptionPaymentWindow = 15
        return genesis
    }

    private func open() async throws -> Connection {
        let environment = try LedgerQAEnvironment.current()
        if let url = environment.devnetURL {
            let rpc = RPCClient(transport: CurlTransport(url: url))
            let info = try await NativeChain(rpc: rpc).info()
            return Connection(url: url, rpc: rpc, info: info, isEmbedded: false, adminKey: environment.adminKey)
        }
        let node = DevnetNode(genesis: Self.embeddedGenesis)
        let server = try await EmbeddedDevnetServer.start(node: node)
        embedded = server
        let rpc = RPCClient(transport: CurlTransport(url: server.rpcURL))
        let info = try await NativeChain(rpc: rpc).info()
        return Connection(url: server.rpcURL, rpc: rpc, info: info, isEmbedded: true, adminKey: node.adminKey)
    }
}
