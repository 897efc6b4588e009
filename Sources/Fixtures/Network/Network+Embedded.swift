#if EmbeddedDevnet
public import Devnet
import Networks

extension Network {
    /// SPEC's default genesis with one change: a 15-second redemption payment window instead
    /// of 600, so that a short load run sees redemptions defaulted (README "The embedded devnet").
    public static var embeddedGenesis: Genesis {
        var genesis = Genesis.default
        genesis.asset.redemptionPaymentWindow = 15
        return genesis
    }

    /// Boots the devnet in this process on a loopback port, with its Kafka: its own mock
    /// cluster, `KAFKA_BROKERS`, or none (SPEC 8); returns the connection and the server to keep.
    static func bootEmbedded(_ environment: LedgerQAEnvironment) async throws -> (Connection, EmbeddedDevnetServer) {
        let node = DevnetNode(genesis: embeddedGenesis, options: environment.embeddedDevnet)
        if let kafka = try await DevnetKafka.start(.from(useKafka: environment.useKafka, brokers: environment.kafkaBrokers)) {
            node.attach(kafka)
        }
        let server = try await EmbeddedDevnetServer.start(node: node)
        let rpc = RPCClient(transport: CurlTransport(url: server.rpcURL))
        let info = try await NativeChain(rpc: rpc).info()
        return (Connection(url: server.rpcURL, rpc: rpc, info: info, isEmbedded: true, adminKey: node.adminKey), server)
    }
}
#endif
