import ArgumentParser
import Fixtures

/// `ledgerqa accounts`: the keystore's accounts of a network with live balances.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List the keystore's accounts of DEVNET_URL: role, user set, run, status, live NAT, UND, FUND, pool tokens, pending claims, totals.")

    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let connection = try await network.open()
        let funder = try await connection.funder()
        print(try await AccountsReport.read(connection, funderAddress: funder.address).text, terminator: "")
    }
}
