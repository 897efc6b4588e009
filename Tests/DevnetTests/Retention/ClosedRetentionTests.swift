import Devnet
import Networks
import Testing

/// A devnet keeps only the newest closed reservations and redemptions (docs/API.md
/// "Retention"): open ones are state and stay however old, a dropped id answers SPEC's
/// unknown-id error, and balances are never affected.
@Suite("Devnet retention of closed reservations and redemptions")
struct ClosedRetentionTests {
    @Test("after more closed reservations than kept, the oldest closed are unknown (1009), the open and newest stay, and FUND is exact")
    func reservations() async throws {
        let t = try AssetNode(options: DevnetOptions(retainedTransactions: 3))
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        let open = try await t.reserve(1, on: agent.id, by: alice)
        var minted: [CollateralReservation] = []
        for lots in Int64(1)...5 { minted.append(try await t.mint(lots, on: agent.id, by: alice, payer: aliceUnd)) }

        #expect(try await t.asset.reservation(open.reservationID).status == "RESERVED", "an open reservation is never dropped")
        for dropped in minted.prefix(2) {
            let error = await expectRPCError(1000 + 9, "closed reservation \(dropped.reservationID) was dropped") {
                try await t.asset.reservation(dropped.reservationID)
            }
            #expect(error?.data?["name"]?.stringValue == "UnknownReservation", "\(String(describing: error))")
        }
        for kept in minted.suffix(3) { #expect(try await t.asset.reservation(kept.reservationID).status == "EXECUTED") }
        let value = minted.reduce(Int128(0)) { $0 + $1.valueUBA }
        #expect(try await t.asset.fundBalance(of: alice.address) == value, "state is never dropped: every minting's FUND stays")

        // A dropped reservation's payment is still refused: it names that reservation's reference.
        let proof = try await t.pay(minted[0], from: aliceUnd)
        let again = try await t.reserve(1, on: agent.id, by: alice)
        try await t.expectRevert(t.asset.executeMinting(reservationID: again.reservationID, proof: proof), by: alice, agent: agent.id,
            "WrongPaymentReference", gas: AssetSpec.executeGas)
    }

    @Test("after more paid redemptions than kept, the oldest are unknown (1010); a pending one stays however old")
    func redemptions() async throws {
        let t = try AssetNode(options: DevnetOptions(retainedTransactions: 2))
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        try await t.mint(10, on: agent.id, by: alice, payer: aliceUnd)
        #expect(try await aliceUnd.setDepositBlocked(true).status == .success)
        let blocked = try await t.redeemOne(agent: agent.id, by: alice)
        t.clock.advance(by: 5)
        #expect(try await t.asset.redemption(blocked).status == "PENDING", "its payment failed: it stays pending")
        #expect(try await aliceUnd.setDepositBlocked(false).status == .success)
        var paid: [Int64] = []
        for _ in 0..<4 {
            paid.append(try await t.redeemOne(agent: agent.id, by: alice))
            t.clock.advance(by: 5)
        }
        #expect(try await t.asset.redemption(blocked).status == "PENDING", "a pending redemption is never dropped")
        for dropped in paid.prefix(2) {
            let error = await expectRPCError(1000 + 10, "paid redemption \(dropped) was dropped") { try await t.asset.redemption(dropped) }
            #expect(error?.data?["name"]?.stringValue == "UnknownRedemption", "\(String(describing: error))")
        }
        for kept in paid.suffix(2) { #expect(try await t.asset.redemption(kept).status == "SUCCESSFUL") }
    }
}

extension AssetNode {
    /// Redeems one lot on `agent`; returns the request's id.
    func redeemOne(agent: String, by account: Account) async throws -> Int64 {
        let receipt = try await account.send(asset.redeem(lots: 1, agent: agent))
        guard receipt.status == .success, let id = receipt.result?["requests"]?.arrayValue?.first?["request_id"]?.intValue else {
            throw DecodingFailure("redeem reverted or named no request: \(receipt.json)")
        }
        return id
    }
}
