import Foundation
import Networks

/// What an operator command (`ledgerqa recover`, `accounts`, `generate-users`) works with:
/// the network of `DEVNET_URL` (from the environment, a `.env` file or `ledgerqa.yaml`),
/// its keystore directory and its funder.
public struct OperatorConnection: Sendable {
    public let url: String
    public let context: ConnectionContext
    public let keystore: Keystore

    /// Connects to `url`, else the settings' `DEVNET_URL`; `home` overrides `LEDGERQA_HOME`.
    public static func open(url: String? = nil, home: String? = nil) async throws -> OperatorConnection {
        let environment = try await LedgerQAEnvironment.current()
        guard let endpoint = try url.map({ try LedgerQAEnvironment.parse(["DEVNET_URL": $0]).devnetURL }) ?? environment.devnetURL else {
            throw OperatorError.noNetwork
        }
        let rpc = RPCClient(transport: CurlTransport(url: endpoint, timeout: .seconds(30)))
        let chain = NativeChain(rpc: rpc)
        let info = try await chain.info()
        let context = try await ConnectionContext(chain: chain, info: info)
        let root: URL
        if let home { root = Keystore.home(home).appendingPathComponent("keystore", isDirectory: true) } else { root = try await Keystore.root() }
        return OperatorConnection(url: endpoint, context: context, keystore: Keystore(root: root, network: info))
    }

    /// The funder: `LOAD_FUNDER_KEY`, else the keystore's `funder.key`.
    public func funder() async throws -> Funder {
        let configuration = try await LoadConfiguration.current()
        let key = try configuration.funderKey.map { try KeyPair(seedHex: $0) } ?? keystore.funderKey()
        return Funder(key: key, context: context)
    }
}

/// An operator command cannot run.
public enum OperatorError: Error, Sendable, CustomStringConvertible {
    case noNetwork
    case noKafka

    public var description: String {
        switch self {
        case .noNetwork:
            "no network: set DEVNET_URL (environment, .env or ledgerqa.yaml) or pass --url. An embedded devnet ends with the "
                + "test process that booted it, and its accounts with it: recovery is for networks that outlive a run"
        case .noKafka:
            "no Kafka to read the run from: pass --brokers, set KAFKA_BROKERS, or set DEVNET_URL (or --url) to a devnet that reports "
                + "its brokers in devnet_info.kafka"
        }
    }
}
