import Devnet
import Networks
import Testing

/// SPEC 6 minting: reserve collateral, pay the agent on the underlying chain, execute with
/// the payment proof. Exact balances everywhere; a revert changes nothing but gas and nonce.
@Suite("Devnet asset minting")
struct AssetMintingTests {
    @Test("a minting moves NAT, UND, FUND, lots and pool fees by exactly SPEC's amounts")
    func journey() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 75)
        let lots: Int64 = 3
        let value = Int128(lots) * AssetSpec.lotSize
        let fee = AssetSpec.mintingFee(lots: lots, bips: 75)
        let reservationFee = AssetSpec.reservationFee(lots: lots)
        #expect(fee == 225_000 && reservationFee == 600_000_000_000_000_000, "SPEC arithmetic restated")

        let reserved = try await alice.send(t.asset.reserveCollateral(agent: agent.id, lots: lots, maxMintingFeeBips: 75))
        #expect(reserved.status == .success && reserved.gasUsed == AssetSpec.reserveGas)
        let r = try CollateralReservation(json: try #require(reserved.result), agent: agent.id, lots: lots)
        #expect(r.valueUBA == value && r.feeUBA == fee && r.reservationFee == reservationFee)
        #expect(r.paymentAddress == agent.paymentAddress)
        #expect(r.deadline == AssetNode.start + 600)
        #expect(r.paymentReference.count == 64)
        #expect(try await alice.balance() == 1_000 * Units.nat - Spec.fee(gas: AssetSpec.reserveGas) - reservationFee)
        var expected = agent
        expected.freeLots -= lots
        expected.reservedLots? += lots
        expected.vault? += reservationFee
        #expect(try await t.asset.agent(agent.id) == expected, "lots reserved, the reservation fee in the vault")
        #expect(try await t.asset.reservation(r.reservationID).status == "RESERVED")

        let tx = try await aliceUnd.pay(r.paymentAmount, to: r.paymentAddress, reference: r.paymentReference)
        let executed = try await alice.send(t.asset.executeMinting(reservationID: r.reservationID, proof: try await t.und.paymentProof(tx.hash)))
        #expect(executed.status == .success && executed.gasUsed == AssetSpec.executeGas, "\(executed.json)")
        let poolFee = AssetSpec.poolFee(fee)
        #expect(executed.result?["minted_uba"] == Amount.wire(value))
        #expect(executed.result?["pool_fee_uba"] == Amount.wire(poolFee))

        let gas = Spec.fee(gas: AssetSpec.reserveGas) + Spec.fee(gas: AssetSpec.executeGas)
        #expect(try await alice.balance() == 1_000 * Units.nat - gas - reservationFee, "NAT: gas and the reservation fee")
        #expect(try await t.und.balance(of: aliceUnd.address) == 1_000 * Units.und - value - fee - AssetSpec.undFee)
        #expect(try await t.und.balance(of: try #require(agent.paymentAddress)) == 1_000_000 * Units.und + value + fee)
        #expect(try await t.asset.fundBalance(of: alice.address) == value)
        let supply = try await t.asset.fundSupply()
        #expect(supply.totalSupply == value + poolFee && supply.minted == value + poolFee && supply.burned == 0)
        let pool = try await t.asset.pool(ofAgent: agent.id)
        #expect(pool.fundBalance == poolFee && pool.feesReceived == poolFee)
        #expect(pool.totalCollateral == AssetSpec.genesisPool && pool.totalSupply == AssetSpec.genesisPool)
        #expect(pool.backedValue == value * AssetSpec.weiPerUBA)
        #expect(try await t.asset.fundBalance(of: agent.pool) == poolFee)
        let holder = try await t.asset.poolHolding(agent: agent.id, holder: agent.id)
        #expect(holder.fees == poolFee, "the agent holds every genesis pool token, so it is credited the whole pool fee")
        expected.reservedLots? -= lots
        expected.mintedLots += lots
        expected.executedMintingLots += lots
        #expect(try await t.asset.agent(agent.id) == expected)
        let status = try await t.asset.reservation(r.reservationID)
        #expect(status.status == "EXECUTED" && status.paymentHash == tx.hash)
    }

    @Test("reserve_collateral refusals name the cause and change nothing but gas and nonce")
    func reservationRefusals() async throws {
        let t = try AssetNode()
        let (alice, _) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 150)
        let gas = AssetSpec.reserveGas
        let a = t.asset
        try await t.expectRevert(a.reserveCollateral(agent: try TestKeys.stranger().address, lots: 1, maxMintingFeeBips: 150),
            by: alice, agent: agent.id, "UnknownAgent", gas: gas)
        try await t.expectRevert(a.reserveCollateral(agent: agent.id, lots: 1, maxMintingFeeBips: 149),
            by: alice, agent: agent.id, "MintingFeeAboveMax", gas: gas)
        try await t.expectRevert(a.reserveCollateral(agent: agent.id, lots: 0, maxMintingFeeBips: 150),
            by: alice, agent: agent.id, "NotPositiveLots", gas: gas)
        try await t.expectRevert(a.reserveCollateral(agent: agent.id, lots: -1, maxMintingFeeBips: 150),
            by: alice, agent: agent.id, "NotPositiveLots", gas: gas)
        try await t.expectRevert(a.reserveCollateral(agent: agent.id, lots: AssetSpec.genesisFreeLots + 1, maxMintingFeeBips: 150),
            by: alice, agent: agent.id, "NotEnoughFreeLots", gas: gas)
        // At the max fee exactly, the reservation goes through.
        let r = try await t.reserve(1, on: agent.id, by: alice, maxFee: 150)
        #expect(r.feeUBA == AssetSpec.mintingFee(lots: 1, bips: 150))
    }

    @Test("an agent with few free lots refuses more, and accepts exactly what it has")
    func fewFreeLots() async throws {
        let t = try AssetNode(genesis: try AssetNode.genesis(agents: [["fee_bips": 25, "free_lots": 2]]))
        let (alice, _) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        #expect(agent.freeLots == 2)
        try await t.expectRevert(t.asset.reserveCollateral(agent: agent.id, lots: 3, maxMintingFeeBips: 25),
            by: alice, agent: agent.id, "NotEnoughFreeLots", gas: AssetSpec.reserveGas)
        _ = try await t.reserve(2, on: agent.id, by: alice)
        try await t.expectRevert(t.asset.reserveCollateral(agent: agent.id, lots: 1, maxMintingFeeBips: 25),
            by: alice, agent: agent.id, "NotEnoughFreeLots", gas: AssetSpec.reserveGas)
        let after = try await t.asset.agent(agent.id)
        #expect(after.freeLots == 0 && after.reservedLots == 2)
    }

    @Test("a reservation fee the minter cannot pay reverts with InsufficientBalance")
    func reservationFeeUnaffordable() async throws {
        let t = try AssetNode()
        // Enough for gas (0.00375 NAT) but not for one lot's 0.2 NAT reservation fee.
        let (alice, _) = try await t.user(try TestKeys.alice(), nat: Spec.fee(gas: AssetSpec.reserveGas) + AssetSpec.reservationFee(lots: 1) - 1)
        let agent = try await t.agent(fee: 25)
        try await t.expectRevert(t.asset.reserveCollateral(agent: agent.id, lots: 1, maxMintingFeeBips: 25),
            by: alice, agent: agent.id, "InsufficientBalance", gas: AssetSpec.reserveGas)
    }
}
