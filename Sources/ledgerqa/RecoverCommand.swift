import ArgumentParser
import Fixtures
import Foundation

/// `ledgerqa recover`: returns the funds of accounts whose run is gone to the funder.
struct RecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Settle and collect every keystore account of DEVNET_URL whose run is gone (with --all, every account).",
        discussion: """
            Each account is taken over first (its record names this process), then its paid mintings are executed, its \
            defaultable redemptions defaulted, its pool positions exited and fees withdrawn, and its FUND, UND and NAT sent \
            to the funder. Safe to run twice and to interrupt.
            """)

    @OptionGroup var network: NetworkOptions

    @Flag(help: "Recover every account of the network that no live process on this machine is using, not only those of runs that are gone.")
    var all = false

    func run() async throws {
        let connection = try await network.open()
        let funder = try await connection.funder()
        try? connection.keystore.compact()
        let stranded = Recovery.stranded(try connection.keystore.records(), all: all)
        print("recover: \(stranded.count) account(s) of \(connection.url) in \(connection.keystore.directory.path)")
        let outcomes = await Recovery.collect(stranded, keystore: connection.keystore, context: connection.context, funder: funder)
        print(RecoveryReport(outcomes: outcomes).text, terminator: "")
        let after = try await AccountsReport.read(connection, funderAddress: funder.address)
        print("now: " + (after.text.split(separator: "\n").suffix(2).joined(separator: "\n")))
    }
}
