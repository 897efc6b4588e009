import Fixtures
import Foundation
import Networks
import Testing

/// The keystore's promise under SIGKILL: a load run (the Load suite in a child process, as
/// `./ledgerqa load` runs it, against a standalone devnet) kills itself with a real SIGKILL at
/// a chosen instant of a chosen group commit of its journal (`LEDGERQA_KEYSTORE_CRASH`); then
/// every account the funder paid is still in the keystore, and `ledgerqa recover` alone
/// returns every account's funds.
@Suite("Keystore crash safety: SIGKILL inside a group commit", .serialized, .timeLimit(.minutes(5)))
struct KeystoreCrashTests {
    /// Kill points: during funding (the first commits), early in the run and well into it,
    /// at each instant of a group commit (before the write, mid-write leaving a torn line,
    /// between write and fsync, after fsync).
    static let killPoints = ["before-write:3", "torn-write:12", "before-fsync:40", "after-fsync:80", "torn-write:150"]

    @Test("a SIGKILL at this instant loses no key, and `ledgerqa recover` returns every account's funds", arguments: killPoints)
    func killInsideCommit(_ point: String) async throws {
        try await LoadWorld.with { world in
            let run = try world.load(["LOAD_MIXES": "all", "LOAD_DURATION": "600", "LEDGERQA_KEYSTORE_CRASH": point])
            let exit = try await run.waitForExit(timeout: .seconds(180))
            #expect(exit.signalled && exit.status == SIGKILL, "the run died of SIGKILL: \(exit)")
            let at = point.split(separator: ":")
            #expect(run.text.contains("keystore: SIGKILL at \(at[0]) of group commit \(at[1])"), "it died at the kill point, not elsewhere")

            // No key lost: every account the funder sent NAT or UND to is in the keystore.
            let connection = try await OperatorConnection.open(url: world.rpcURL, home: world.home.path)
            let funder = try connection.keystore.funderKey().address
            let known = Set(try connection.keystore.records().map(\.address))
            let events = try await EventLog.events(connection.context.chain, from: 1, through: Int64.max)
            let paid = events.compactMap { event -> String? in
                switch event.type {
                case "Transfer" where event.data["from"]?.stringValue == funder: event.data["to"]?.stringValue
                case "UnderlyingPayment" where event.data["from"]?.stringValue == "u" + funder.dropFirst():
                    event.data["to"]?.stringValue.map { "n" + $0.dropFirst() }
                default: nil
                }
            }
            #expect(!paid.isEmpty || at[1] == "3", "the funder paid someone before the kill")
            for address in Set(paid) where address != funder {
                #expect(known.contains(address), "\(address) was paid by the funder but its key is not in the keystore")
            }

            let recover = try await world.ledgerqa(["recover"])
            #expect(recover.status == 0, "\(recover.output)")
            // A redemption still pending when recover ran is paid by the agent's bot afterwards
            // (every 5 s): wait for each payment to be tried, then recover collects it.
            let pending = try connection.keystore.records().flatMap { $0.book.redemptions.map(\.request.requestID) }
            for id in pending {
                _ = try await Waits.retry.run("redemption \(id) to be paid or closed",
                    attempt: { try await connection.context.asset.redemption(id) }, until: { $0.status != "PENDING" || $0.paymentHash != nil })
            }
            if !pending.isEmpty {
                let again = try await world.ledgerqa(["recover"])
                #expect(again.status == 0, "\(again.output)")
            }
            try await Self.expectRecovered(world, gasPrice: connection.context.info.gasPrice)
        }
    }

    /// Every account holds at most dust, plus SPEC's gas for each claim still pending in its
    /// record (`recover` keeps that much so the claim can be executed or defaulted later:
    /// execute_minting 200,000 gas, redemption_payment_default 160,000).
    static func expectRecovered(_ world: LoadWorld, gasPrice: Int128, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let accounts = try await world.accounts()
        #expect(!accounts.rows.isEmpty, "the run left its accounts in the keystore", sourceLocation: sourceLocation)
        for row in accounts.rows {
            let book = row.record.book
            let reserve = Int128(book.mintings.count) * 200_000 * gasPrice + Int128(book.redemptions.count) * 160_000 * gasPrice
            let held = row.funds
            if held.nat > LoadRun.dust.nat + reserve || held.und > LoadRun.dust.und || held.fund > LoadRun.dust.fund || row.poolTokens != 0 {
                let message = "\(row.record.label) \(row.record.address) holds \(held.readable) and \(row.poolTokens) pool tokens "
                    + "with \(book.mintings.count) minting(s) and \(book.redemptions.count) redemption(s) pending"
                Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            }
        }
    }
}
