import Devnet
import Networks
import Testing

/// execute_minting refusals and reservation expiry (SPEC 6).
extension AssetMintingTests {
    /// A payment that does not match the reservation, and the error it must revert with.
    enum BadPayment: String, CaseIterable, CustomTestStringConvertible {
        case tooSmall = "PaymentTooSmall"
        case wrongReference = "WrongPaymentReference"
        case wrongAddress = "WrongPaymentAddress"
        case forgedAmount = "InvalidPaymentProof"

        var testDescription: String { rawValue }
    }

    @Test("execute_minting with a bad payment reverts naming it, then the right payment mints", arguments: BadPayment.allCases)
    func badPayment(_ bad: BadPayment) async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 50)
        let other = try await t.agent(fee: 100)
        let r = try await t.reserve(2, on: agent.id, by: alice)
        let proof: PaymentProof
        switch bad {
        case .tooSmall: proof = try await t.pay(r, from: aliceUnd, amount: r.paymentAmount - 1)
        case .wrongReference: proof = try await t.pay(r, from: aliceUnd, reference: String(repeating: "ab", count: 32))
        case .wrongAddress: proof = try await t.pay(r, from: aliceUnd, to: other.paymentAddress)
        case .forgedAmount:
            // Pays 1 drop short, then claims the full amount: the attestor's signature no longer matches.
            let real = try await t.pay(r, from: aliceUnd, amount: r.paymentAmount - 1)
            guard case .object(var o) = real.json else { throw DecodingFailure("proof is not an object") }
            o["amount"] = Amount.wire(r.paymentAmount)
            proof = PaymentProof(json: .object(o))
        }
        try await t.expectRevert(t.asset.executeMinting(reservationID: r.reservationID, proof: proof),
            by: alice, agent: agent.id, bad.rawValue, gas: AssetSpec.executeGas)
        #expect(try await t.asset.reservation(r.reservationID).status == "RESERVED")
        let good = try await t.pay(r, from: aliceUnd)
        let receipt = try await alice.send(t.asset.executeMinting(reservationID: r.reservationID, proof: good))
        #expect(receipt.status == .success, "after a refused payment the right one still mints: \(receipt.json)")
        #expect(try await t.asset.fundBalance(of: alice.address) == r.valueUBA)
    }

    @Test("a proof counts once: reusing it for a second reservation reverts with PaymentAlreadyUsed")
    func proofReused() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        let first = try await t.reserve(1, on: agent.id, by: alice)
        let proof = try await t.pay(first, from: aliceUnd)
        #expect(try await alice.send(t.asset.executeMinting(reservationID: first.reservationID, proof: proof)).status == .success)
        let second = try await t.reserve(1, on: agent.id, by: alice)
        try await t.expectRevert(t.asset.executeMinting(reservationID: second.reservationID, proof: proof),
            by: alice, agent: agent.id, "PaymentAlreadyUsed", gas: AssetSpec.executeGas)
        #expect(try await t.asset.reservation(second.reservationID).status == "RESERVED")
    }

    @Test("executing twice reverts with MintingAlreadyExecuted and mints nothing more")
    func executeTwice() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        let r = try await t.reserve(1, on: agent.id, by: alice)
        let proof = try await t.pay(r, from: aliceUnd)
        #expect(try await alice.send(t.asset.executeMinting(reservationID: r.reservationID, proof: proof)).status == .success)
        try await t.expectRevert(t.asset.executeMinting(reservationID: r.reservationID, proof: proof),
            by: alice, agent: agent.id, "MintingAlreadyExecuted", gas: AssetSpec.executeGas)
        #expect(try await t.asset.fundBalance(of: alice.address) == r.valueUBA)
    }

    @Test("only the minter may execute its reservation (Unauthorized)")
    func executeByAnother() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let (bob, _) = try await t.user(try TestKeys.bob())
        let agent = try await t.agent(fee: 25)
        let r = try await t.reserve(1, on: agent.id, by: alice)
        let proof = try await t.pay(r, from: aliceUnd)
        try await t.expectRevert(t.asset.executeMinting(reservationID: r.reservationID, proof: proof),
            by: bob, agent: agent.id, "Unauthorized", gas: AssetSpec.executeGas)
        #expect(try await t.asset.fundBalance(of: alice.address) == 0)
        #expect(try await alice.send(t.asset.executeMinting(reservationID: r.reservationID, proof: proof)).status == .success)
    }

    @Test("execution after the deadline reverts with MintingDeadlinePassed; at the deadline it mints")
    func deadline() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        let late = try await t.reserve(1, on: agent.id, by: alice)
        let onTime = try await t.reserve(1, on: agent.id, by: alice)
        let lateProof = try await t.pay(late, from: aliceUnd)
        let onTimeProof = try await t.pay(onTime, from: aliceUnd)
        t.clock.set(onTime.deadline)
        #expect(try await alice.send(t.asset.executeMinting(reservationID: onTime.reservationID, proof: onTimeProof)).status == .success,
            "block time == deadline is not past it")
        t.clock.set(late.deadline + 1)
        try await t.expectRevert(t.asset.executeMinting(reservationID: late.reservationID, proof: lateProof),
            by: alice, agent: agent.id, "MintingDeadlinePassed", gas: AssetSpec.executeGas)
    }

    @Test("an unpaid reservation expires after its deadline: lots freed, the vault keeps the fee")
    func expiry() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 100)
        let r = try await t.reserve(4, on: agent.id, by: alice)
        let proof = try await t.pay(r, from: aliceUnd)
        t.clock.set(r.deadline + 60 + 1)
        #expect(try await t.asset.reservation(r.reservationID).status == "EXPIRED")
        var expected = agent
        expected.vault? += AssetSpec.reservationFee(lots: 4)
        #expect(try await t.asset.agent(agent.id) == expected, "all lots free again, the fee still in the vault")
        let expired = try await t.chain.events(since: 1, type: "ReservationExpired").events
        #expect(expired.count == 1 && expired.first?.resource == agent.id)
        #expect(expired.first?.data["reservation_id"] == .int(r.reservationID))
        try await t.expectRevert(t.asset.executeMinting(reservationID: r.reservationID, proof: proof),
            by: alice, agent: agent.id, "MintingDeadlinePassed", gas: AssetSpec.executeGas)
        #expect(try await alice.balance() == 1_000 * Units.nat - AssetSpec.reservationFee(lots: 4)
            - Spec.fee(gas: AssetSpec.reserveGas) - Spec.fee(gas: AssetSpec.executeGas), "the fee is not refunded")
    }
}
