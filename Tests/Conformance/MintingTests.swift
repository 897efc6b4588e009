import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 6's minting on agents the test owns: the reservation fee and result, the payment,
/// the proof, the execution and its fees to the pool, every refusal with nothing moved but
/// gas, and expiry after the deadline.
@Suite("Conformance: SPEC 6 minting", .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS"]),
    .timeLimit(.minutes(5)))
struct MintingTests {
    @Test("SPEC 6: reserve_collateral charges floor(lots·lot_size·wei_per_uba·bips / 10,000) NAT on top of gas and returns value, fee, reference and deadline")
    func reservation() async throws {
        let desk = try await AssetDesk.begin()
        let s = desk.settings
        let agent = try await desk.agent(feeBips: 137, freeLots: 20)
        let minter = try await desk.node.party()
        let before = try await desk.node.nat(minter.address)
        let receipt = try await desk.send(desk.asset.reserveCollateral(agent: agent.agent, lots: 3, maxMintingFeeBips: 137), by: minter)
        try #require(receipt.status == .success, "\(receipt.json)")
        let r = try CollateralReservation(json: try #require(receipt.result), agent: agent.agent, lots: 3)
        let value = SpecAsset.valueUBA(lots: 3, s)
        #expect(r.valueUBA == value && r.feeUBA == SpecAsset.mintingFeeUBA(valueUBA: value, agentFeeBips: 137), "\(r)")
        #expect(try await desk.node.nat(minter.address) == before - SpecAsset.reservationFee(lots: 3, s) - (try specFee(.assetManager, "reserve_collateral")))
        #expect(Hex.isHex(r.paymentReference, count: 64) && AddressKind.underlying.matches(r.paymentAddress), "\(r)")
        #expect(r.deadline == receipt.timestamp + s.mintingPaymentWindow, "deadline = block time + the minting window")
        let status = try await desk.asset.reservation(r.reservationID)
        #expect(status.status == "RESERVED" && status.paymentHash == nil, "\(status)")
    }

    @Test("SPEC 6: execute_minting gives the minter value_uba FUND and the pool floor(fee_uba·share / 10,000), credited to holders pro rata")
    func execution() async throws {
        let desk = try await AssetDesk.begin()
        let s = desk.settings
        let agent = try await desk.agent(feeBips: 250, freeLots: 50, poolCollateral: 300 * Units.nat)
        let minter = try await desk.node.party()
        let holder = try await desk.node.party(nat: 1_000 * Units.nat, und: 0)
        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 100 * Units.nat), by: holder).status == .success)
        let pool = try await desk.asset.pool(ofAgent: agent.agent)
        let tokens = try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).tokens
        let agentBefore = try await desk.asset.agent(agent.agent)
        let supplyBefore = try await desk.asset.fundSupply()

        let r = try await desk.reserve(7, of: agent.agent, by: minter)
        let tx = try await desk.pay(r, by: minter)
        let receipt = try await desk.execute(r, proof: try await desk.node.underlying.paymentProof(tx.hash), by: minter)
        try #require(receipt.status == .success, "\(receipt.json)")
        let poolFee = SpecAsset.poolFeeUBA(feeUBA: r.feeUBA, s)
        #expect(try await desk.asset.fundBalance(of: minter.address) == r.valueUBA)
        let after = try await desk.asset.pool(ofAgent: agent.agent)
        #expect(after.feesReceived == pool.feesReceived + poolFee && after.totalCollateral == pool.totalCollateral)
        #expect(try await desk.asset.poolHolding(agent: agent.agent, holder: holder.address).fees
            == SpecAsset.holderFee(poolFeeUBA: poolFee, tokens: tokens, totalSupply: pool.totalSupply), "the holder's pro-rata share, floored")
        let agentAfter = try await desk.asset.agent(agent.agent)
        #expect(agentAfter.executedMintingLots == agentBefore.executedMintingLots + 7 && agentAfter.redeemedLots == agentBefore.redeemedLots)
        let status = try await desk.asset.reservation(r.reservationID)
        #expect(status.status == "EXECUTED" && status.paymentHash == tx.hash, "\(status)")
        let supplyAfter = try await desk.asset.fundSupply()
        #expect(supplyAfter.minted - supplyBefore.minted >= r.valueUBA + poolFee, "FUND minted: value + pool fee at least")
    }

    enum ReserveRefusal: String, CaseIterable, Sendable { case unknownAgent, notEnoughFreeLots, feeAboveMax }

    @Test("SPEC 6: reserve_collateral refuses an unknown agent, more lots than free, a fee above the max; only gas moves",
        arguments: ReserveRefusal.allCases)
    func reserveRefusals(refusal: ReserveRefusal) async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(feeBips: 100, freeLots: 5)
        let minter = try await desk.node.party()
        let call = switch refusal {
        case .unknownAgent: desk.asset.reserveCollateral(agent: KeyPair().address, lots: 1, maxMintingFeeBips: 10_000)
        case .notEnoughFreeLots: desk.asset.reserveCollateral(agent: agent.agent, lots: 6, maxMintingFeeBips: 10_000)
        case .feeAboveMax: desk.asset.reserveCollateral(agent: agent.agent, lots: 1, maxMintingFeeBips: 99)
        }
        let before = try await desk.node.nat(minter.address)
        let receipt = try await desk.send(call, by: minter)
        #expect(receipt.status == .reverted && receipt.error != nil, "\(refusal): \(receipt.json)")
        #expect(try await desk.node.nat(minter.address) == before - (try specFee(.assetManager, "reserve_collateral")), "only gas")
        let full = try await desk.send(desk.asset.reserveCollateral(agent: agent.agent, lots: 5, maxMintingFeeBips: 100), by: minter)
        #expect(full.status == .success, "all 5 lots are still free: \(full.json)")
    }

    @Test("SPEC 6: a minter who can pay the gas but not the reservation fee is refused; only gas moves")
    func reservationFeeUnaffordable() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(feeBips: 100, freeLots: 5)
        let gas = try specFee(.assetManager, "reserve_collateral")
        let fee = desk.settings.reservationFee(lots: 1)
        let minter = try await desk.node.party(nat: gas + fee - 1)
        let receipt = try await desk.send(desk.asset.reserveCollateral(agent: agent.agent, lots: 1, maxMintingFeeBips: 100), by: minter)
        #expect(receipt.status == .reverted && receipt.error != nil, "a reservation fee of \(fee) wei from \(fee - 1) after gas: \(receipt.json)")
        #expect(try await desk.node.nat(minter.address) == fee - 1, "only gas moved")
    }

    @Test("SPEC 7: only the admin may create an agent; anyone else's create_agent reverts and creates nothing")
    func createAgentByOther() async throws {
        let desk = try await AssetDesk.begin()
        let stranger = try await desk.node.party()
        let before = try await desk.node.nat(stranger.address)
        let receipt = try await desk.send(desk.asset.createAgent(feeBips: 25, freeLots: 5), by: stranger)
        #expect(receipt.status == .reverted && receipt.error != nil, "create_agent by \(stranger.address): \(receipt.json)")
        #expect(receipt.events.isEmpty, "no agent or pool was created: \(receipt.json)")
        #expect(try await desk.node.nat(stranger.address) == before - (try specFee(.assetManager, "create_agent")), "only gas")
    }

    enum ExecuteRefusal: String, CaseIterable, Sendable { case tooSmall, wrongReference, noReference, wrongAddress, forgedProof, twice, otherPayment }

    @Test("SPEC 6: execute_minting refuses a too small payment, a wrong reference or address, a forged proof, a second execution; only gas moves",
        arguments: ExecuteRefusal.allCases)
    func executeRefusals(refusal: ExecuteRefusal) async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(feeBips: 100, freeLots: 10)
        let other = try await desk.agent(feeBips: 100, freeLots: 10)
        let minter = try await desk.node.party()
        let r = try await desk.reserve(2, of: agent.agent, by: minter)
        var proof: PaymentProof
        switch refusal {
        case .tooSmall: proof = try await desk.node.underlying.paymentProof(try await desk.pay(r, by: minter, amount: r.paymentAmount - 1).hash)
        case .wrongReference:
            proof = try await desk.node.underlying.paymentProof(
                try await desk.pay(r, by: minter, reference: .some(String(repeating: "0", count: 64))).hash)
        case .noReference: proof = try await desk.node.underlying.paymentProof(try await desk.pay(r, by: minter, reference: .some(nil)).hash)
        case .wrongAddress:
            let elsewhere = try await desk.reserve(2, of: other.agent, by: minter)
            proof = try await desk.node.underlying.paymentProof(try await desk.pay(r, by: minter, to: elsewhere.paymentAddress).hash)
        case .forgedProof:
            proof = try await desk.node.underlying.paymentProof(try await desk.pay(r, by: minter, amount: 1).hash)
            var body = proof.json.objectValue ?? [:]
            body["amount"] = Amount.wire(r.paymentAmount)
            proof = PaymentProof(json: .object(body))
        case .twice, .otherPayment:
            proof = try await desk.node.underlying.paymentProof(try await desk.pay(r, by: minter).hash)
            try #require(try await desk.execute(r, proof: proof, by: minter).status == .success)
            if refusal == .otherPayment {  // a proof counts once: the same payment for another reservation
                let second = try await desk.reserve(2, of: agent.agent, by: minter)
                return try await Self.expectRefusedExecution(desk, second, proof: proof, minter: minter)
            }
        }
        try await Self.expectRefusedExecution(desk, r, proof: proof, minter: minter)
    }

    static func expectRefusedExecution(_ desk: AssetDesk, _ r: CollateralReservation, proof: PaymentProof, minter: Party) async throws {
        let nat = try await desk.node.nat(minter.address)
        let fund = try await desk.asset.fundBalance(of: minter.address)
        let status = try await desk.asset.reservation(r.reservationID)
        let agent = try await desk.asset.agent(r.agent)
        let receipt = try await desk.execute(r, proof: proof, by: minter)
        #expect(receipt.status == .reverted && receipt.error != nil, "\(receipt.json)")
        #expect(try await desk.node.nat(minter.address) == nat - (try specFee(.assetManager, "execute_minting")), "only gas")
        #expect(try await desk.asset.fundBalance(of: minter.address) == fund, "no FUND minted")
        #expect(try await desk.asset.reservation(r.reservationID) == status, "the reservation is unchanged")
        #expect(try await desk.asset.agent(r.agent).executedMintingLots == agent.executedMintingLots)
    }

    @Test("SPEC 6: an unpaid reservation expires after its deadline: EXPIRED, its lots free again, the fee kept; executing it then is refused")
    func expiry() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(feeBips: 100, freeLots: 4)
        let minter = try await desk.node.party()
        let r = try await desk.reserve(4, of: agent.agent, by: minter)
        let proof = try await desk.node.underlying.paymentProof(try await desk.pay(r, by: minter).hash)
        let nat = try await desk.node.nat(minter.address)
        try await desk.control.runScheduleJobs(.expireReservations, for: agent.agent, through: r.deadline + 60)
        #expect(try await desk.asset.reservation(r.reservationID).status == "EXPIRED")
        #expect(try await desk.node.nat(minter.address) == nat, "the reservation fee is not refunded")
        try await Self.expectRefusedExecution(desk, r, proof: proof, minter: minter)
        #expect(try await desk.send(desk.asset.reserveCollateral(agent: agent.agent, lots: 4, maxMintingFeeBips: 100), by: minter).status == .success,
            "the 4 lots are free again")
    }
}
