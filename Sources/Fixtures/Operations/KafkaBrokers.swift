import Foundation
import Networks

/// Where an operator command finds a distributed run's Kafka: `--brokers`, else
/// `KAFKA_BROKERS`, else what the network of `DEVNET_URL` (or `--url`) reports in `devnet_info.kafka`.
public enum KafkaBrokers {
    public static func resolve(_ given: String?, url: String?) async throws -> String {
        if let given, !given.isEmpty { return given }
        let environment = try await LedgerQAEnvironment.current()
        if let brokers = environment.kafkaBrokers { return brokers }
        guard let endpoint = try url.map({ try LedgerQAEnvironment.parse(["DEVNET_URL": $0]).devnetURL }) ?? environment.devnetURL else {
            throw OperatorError.noKafka
        }
        let info = try await NativeChain(rpc: RPCClient(transport: CurlTransport(url: endpoint, timeout: .seconds(30)))).info()
        guard let brokers = info.kafka else { throw OperatorError.noKafka }
        return brokers
    }
}

/// LedgerQA's home folder for an operator command: `--home`, else `LEDGERQA_HOME` (any
/// settings source), else `./.ledgerqa`.
public enum LedgerQAHome {
    public static func resolve(_ given: String?) async throws -> URL {
        if let given, !given.isEmpty { return Keystore.home(given) }
        return Keystore.home(try await Settings.current().value(SettingKey("ledgerqa", "home"))?.text)
    }
}
