import ArgumentParser
import Fixtures

/// `ledgerqa`: LedgerQA's operator commands, beside `./ledgerqa test` and `./ledgerqa load`.
@main
struct LedgerQACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledgerqa",
        abstract: "Operate LedgerQA's load runs: recover funds, list accounts, generate user sets, run shards locally, merge their reports.",
        discussion: """
            Settings come from the environment, Tests/.env, .env and ledgerqa.yaml (or .json), as for the suites. \
            DEVNET_URL names the network; LEDGERQA_HOME the keystore's home (./.ledgerqa).
            """,
        subcommands: [RecoverCommand.self, AccountsCommand.self, GenerateUsersCommand.self, MergeCommand.self, LoadShardsCommand.self])
}

/// Options every command shares.
struct NetworkOptions: ParsableArguments {
    @Option(help: "The network's JSON-RPC URL (default: DEVNET_URL).")
    var url: String?

    @Option(help: "LedgerQA's home folder with the keystore (default: LEDGERQA_HOME, else ./.ledgerqa).")
    var home: String?

    func open() async throws -> OperatorConnection { try await OperatorConnection.open(url: url, home: home) }
}
