@testable import Fixtures
import Foundation
import Networks
import Testing

/// `ledgerqa generate-users` makes a named set of users that later runs reuse
/// (`LOAD_USER_SET`), with their pending mintings and redemptions of earlier runs.
@Suite("User sets", .timeLimit(.minutes(5)))
struct UserSetTests {
    @Test("a run with LOAD_USER_SET takes the set's users, and the next run executes the minting an earlier one left paid")
    func reuse() async throws {
        let connection = try await Network.shared.connection()
        let context = try await ConnectionContext(chain: connection.chain, info: connection.info, isEmbedded: connection.isEmbedded)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-sets-\(UUID().uuidString)/keystore")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let keystore = Keystore(root: root, network: connection.info)
        let made = try await UserSet.generate(3, name: "team", in: keystore)
        #expect(made.map(\.setIndex) == [0, 1, 2] && made.allSatisfy { $0.status == .idle })
        #expect(try keystore.userSet("team").count == 3)

        var configuration = LoadConfiguration(seed: 9)
        configuration.userSet = "team"
        configuration.userNumbers = [1, 2]
        configuration.reportInterval = .zero
        let first = try await LoadRun.provision(count: 5, label: "set-1", configuration: configuration, duration: .seconds(1),
            context: context, root: root)
        #expect(first.users.map(\.address) == [made[1].address, made[2].address], "user numbers 1 and 2 of the set")
        // User 1 pays a minting and stops before executing it, as a client that crashed would.
        let user = try #require(first.users.first)
        user.state = try await user.readState()
        let agent = try #require(context.agents.first)
        try await MintActions.mint(user, agent: agent, lots: 1, executeNow: false)
        #expect(user.book.mintings.count == 1 && user.book.mintings.first?.paymentHash != nil)

        let second = try await LoadRun.provision(count: 5, label: "set-2", configuration: configuration, duration: .seconds(2),
            context: context, root: root)
        #expect(second.users.first?.book.mintings.count == 1, "the next run's user holds the paid minting")
        let report = try await second.run(LoadMix("execute", [.mintExecuteRandomMinting]))
        #expect(report.summary(.mintExecuteRandomMinting).counts.succeeded == 1, "\(report.text)")
        #expect(report.mismatchCount == 0 && report.invariantViolations.isEmpty, "\(report.text)")
        let records = try keystore.userSet("team")
        #expect(records.allSatisfy { $0.book.mintings.isEmpty }, "nothing pending any more")
        _ = await first.collectAll()
    }

    @Test("a set that does not exist, or a number it does not have, stops the run naming the fix")
    func missing() async throws {
        let connection = try await Network.shared.connection()
        let context = try await ConnectionContext(chain: connection.chain, info: connection.info)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-sets-\(UUID().uuidString)/keystore")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        var configuration = LoadConfiguration(seed: 1)
        configuration.userSet = "nobody"
        await #expect {
            _ = try await LoadRun.provision(count: 1, label: "x", configuration: configuration, context: context, root: root, fund: false)
        } throws: { "\($0)".contains("generate-users N --set nobody") }
        try await UserSet.generate(1, name: "one", in: Keystore(root: root, network: connection.info))
        configuration.userSet = "one"
        configuration.userNumbers = [3]
        await #expect {
            _ = try await LoadRun.provision(count: 1, label: "x", configuration: configuration, context: context, root: root, fund: false)
        } throws: { "\($0)".contains("has no user 3") }
    }
}
