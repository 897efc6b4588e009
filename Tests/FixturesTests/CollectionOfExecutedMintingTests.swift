@testable import Fixtures
import Foundation
import Networks
import Synchronization
import Testing

/// A process killed after its `execute_minting` committed but before it noted so leaves a paid
/// minting in the user's book. Collection (at the end of a case, or `ledgerqa recover`) asks the
/// chain for the reservation's status and drops it, instead of keeping NAT for a gas it can
/// never spend.
@Suite("Collection of a minting executed but not noted")
struct CollectionOfExecutedMintingTests {
    @Test("a paid minting the chain reports EXECUTED leaves the book at collection, and the user's NAT goes back down to dust",
        .timeLimit(.minutes(5)))
    func executedMintingLeavesTheBook() async throws {
        let test = try #require(Test.current)
        let address = Mutex<String?>(nil)
        try await LoadUsersTrait(count: 1).provideScope(for: test, testCase: Test.Case.current) {
            let user = try #require(try LoadRun.current.users.first)
            let agent = try #require(user.agents.first { $0.freeLots > 0 } ?? user.agents.first)
            try await MintActions.mint(user, agent: agent, lots: 1, executeNow: false)
            let paid = try #require(user.book.mintings.first { $0.paymentHash != nil })
            try await MintActions.execute(user, paid)
            #expect(try await user.asset.reservation(paid.reservation.reservationID).status == "EXECUTED")
            // The note of its execution lost, as when SIGKILL lands between the commit and the save.
            user.book.mintings.append(paid)
            try user.save()
            address.withLock { $0 = user.address }
        }
        let connection = try await Network.shared.connection()
        let user = try #require(address.withLock { $0 })
        let nat = try await connection.chain.balance(of: user)
        #expect(nat <= LoadRun.dust.nat, "the user kept \(nat) wei (dust: \(LoadRun.dust.nat))")
        let record = try #require(try Keystore(root: Keystore.defaultRoot, network: connection.info).records().first { $0.address == user })
        #expect(record.book.mintings.isEmpty && record.status == .collected, "\(record.book.mintings.count) mintings, \(record.status)")
    }
}
