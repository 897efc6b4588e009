import Devnet
import Networks
import Testing

/// Planted protocol bugs (`--plant`): a call's gas changed from its n-th use on with receipt
/// and balance agreeing, a refusal rule skipped, and a combination that bites only on a
/// sequence. Each is what a suite must catch; none breaks the node.
@Suite("Devnet planted bugs")
struct PlantedBugTests {
    static func node(_ spec: String) async throws -> (AssetNode, Account, UnderlyingAccount) {
        let t = try AssetNode(options: DevnetOptions(plants: try PlantedBug.parse(spec)))
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        return (t, alice, aliceUnd)
    }

    @Test("gas:native.transfer:2:+1000 charges 22,000 gas from the second transfer on; receipt and balance agree")
    func gas() async throws {
        let (t, alice, _) = try await Self.node("gas:native.transfer:2:+1000")
        var gas: [Int64] = []
        for _ in 0..<3 {
            let before = try await alice.balance()
            let receipt = try await alice.send(TestNode.transfer(to: try TestKeys.bob().address, amount: "1"))
            #expect(receipt.fee == Int128(receipt.gasUsed) * Spec.gasPrice, "fee = gas_used × gas_price still holds")
            #expect(try await alice.balance() == before - 1 - receipt.fee, "the balance moves by exactly the receipt's fee")
            gas.append(receipt.gasUsed)
        }
        #expect(gas == [21_000, 22_000, 22_000])
        #expect(try await t.rpc.call("devnet_info")["faults"]?["plant"] == "gas:native.transfer:2:+1000")
    }

    @Test("skip:pool.timelock lets locked pool tokens exit")
    func timelock() async throws {
        let (t, alice, _) = try await Self.node("skip:pool.timelock")
        let agent = try await t.agent(fee: 25)
        let entered = try await alice.send(AssetManager.poolEnter(agent.pool, amount: Units.nat))
        let tokens = try Amount.parse(entered.result?["tokens"]?.stringValue ?? "")
        #expect(try await alice.send(AssetManager.poolExit(agent.pool, tokens: tokens)).status == .success, "a sound node says TokensLocked")
    }

    @Test("skip:tx.replayed_nonce includes the same signed transfer twice: a double payment")
    func replayedNonce() async throws {
        let (t, _, _) = try await Self.node("skip:tx.replayed_nonce")
        let alice = try TestKeys.alice()
        let bob = try TestKeys.bob().address
        let signed = alice.sign(envelope: NativeEnvelope(chainID: t.node.genesis.chainID, from: alice.address, nonce: 0,
            call: TestNode.transfer(to: bob, amount: "7")).json)
        for _ in 0..<2 { #expect(try await t.chain.send(signed).status == .success) }
        #expect(try await t.chain.balance(of: bob) == 14)
        #expect(try await t.chain.nonce(of: alice.address) == 2)
        #expect(t.node.audit().violations.contains { $0.hasPrefix("NAT held plus gas burned") }, "two fees, one receipt: the audit sees it")
    }

    @Test("skip:tx.bad_signature accepts a transaction signed by someone else")
    func badSignature() async throws {
        let (t, _, _) = try await Self.node("skip:tx.bad_signature")
        let alice = try TestKeys.alice()
        let forged = try TestKeys.stranger().sign(envelope: NativeEnvelope(chainID: t.node.genesis.chainID, from: alice.address, nonce: 0,
            call: TestNode.transfer(to: try TestKeys.bob().address, amount: "1")).json)
        #expect(try await t.chain.send(forged).status == .success)
    }

    @Test("skip:und.deposit_blocked pays into an account that blocks deposits, the agent's bot included")
    func depositBlocked() async throws {
        let (t, alice, aliceUnd) = try await Self.node("skip:und.deposit_blocked")
        let agent = try await t.agent(fee: 25)
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        _ = try await aliceUnd.setDepositBlocked(true)
        let redeemed = try RedeemResult(json: try await alice.send(t.asset.redeem(lots: 1, agent: agent.id)).result ?? .null)
        t.clock.advance(by: 5)
        let request = try #require(redeemed.requests.first)
        #expect(try await t.asset.redemption(request.requestID).status == "SUCCESSFUL", "a sound node leaves it PENDING")
    }

    @Test("skip:minting.deadline executes a minting after its deadline; skip:redemption.default_before_deadline defaults early")
    func deadlines() async throws {
        let (t, alice, aliceUnd) = try await Self.node("skip:minting.deadline,skip:redemption.default_before_deadline")
        let agent = try await t.agent(fee: 25)
        let r = try await t.reserve(1, on: agent.id, by: alice)
        let proof = try await t.pay(r, from: aliceUnd)
        t.clock.set(r.deadline + 1)
        #expect(try await alice.send(t.asset.executeMinting(reservationID: r.reservationID, proof: proof)).status == .success)
        _ = try await aliceUnd.setDepositBlocked(true)
        let redeemed = try RedeemResult(json: try await alice.send(t.asset.redeem(lots: 1, agent: agent.id)).result ?? .null)
        let request = try #require(redeemed.requests.first)
        #expect(try await alice.send(t.asset.redemptionPaymentDefault(requestID: request.requestID)).status == .success)
    }

    @Test("skip:fund.redeem_more_than_held and skip:pool.withdraw_more_fees take what is not there, and the audit sees it")
    func moreThanHeld() async throws {
        let (t, alice, _) = try await Self.node("skip:fund.redeem_more_than_held,skip:pool.withdraw_more_fees")
        let agent = try await t.agent(fee: 25)
        // Nothing minted on the other agents and no FUND: a sound node refuses both.
        let redeem = try await alice.send(t.asset.redeem(lots: 1, agent: agent.id))
        #expect(redeem.status == .success, "no minted lots to place, so nothing burned: \(redeem.json)")
        let withdraw = try await alice.send(AssetManager.poolWithdrawFees(agent.pool, amount: 5))
        #expect(withdraw.status == .success)
        #expect(try await t.asset.fundBalance(of: alice.address) == 5)
        #expect(t.node.audit().violations.contains { $0.contains("FUND balance of \(agent.pool)") }, "\(t.node.audit().violations)")
    }

    @Test("combo:reservation-after-exit credits the 4th minting after an exit from the agent's pool one lot short, only that one")
    func comboShortLot() async throws {
        let (t, alice, aliceUnd) = try await Self.node("combo:reservation-after-exit")
        let agent = try await t.agent(fee: 25)
        let lot = AssetSpec.lotSize
        func mintTwoLots() async throws -> Int128 {
            let before = try await t.asset.fundBalance(of: alice.address)
            try await t.mint(2, on: agent.id, by: alice, payer: aliceUnd)
            return try await t.asset.fundBalance(of: alice.address) - before
        }
        for _ in 0..<4 { #expect(try await mintTwoLots() == 2 * lot, "no exit yet: exact") }
        let entered = try await alice.send(AssetManager.poolEnter(agent.pool, amount: Units.nat))
        t.clock.advance(by: 10)
        let tokens = try Amount.parse(entered.result?["tokens"]?.stringValue ?? "")
        #expect(try await alice.send(AssetManager.poolExit(agent.pool, tokens: tokens)).status == .success)
        var credited: [Int128] = []
        for _ in 0..<5 { credited.append(try await mintTwoLots()) }
        #expect(credited == [2 * lot, 2 * lot, 2 * lot, lot, 2 * lot])
        let other = try await t.agent(fee: 50)
        let r = try await t.reserve(1, on: other.id, by: alice)
        #expect(r.valueUBA == lot, "other agents are not counted")
    }

    @Test("combo:reservation-after-exit:nth=1:effect=fee+1000 charges the first reservation after an exit 1000 wei more")
    func comboFee() async throws {
        let (t, alice, _) = try await Self.node("combo:reservation-after-exit:nth=1:effect=fee+1000")
        let agent = try await t.agent(fee: 25)
        let entered = try await alice.send(AssetManager.poolEnter(agent.pool, amount: Units.nat))
        t.clock.advance(by: 10)
        _ = try await alice.send(AssetManager.poolExit(agent.pool, tokens: try Amount.parse(entered.result?["tokens"]?.stringValue ?? "")))
        var fees: [Int128] = []
        for _ in 0..<2 {
            let before = try await alice.balance()
            _ = try await t.reserve(1, on: agent.id, by: alice)
            fees.append(before - (try await alice.balance()) - Spec.fee(gas: AssetSpec.reserveGas))
        }
        #expect(fees == [AssetSpec.reservationFee(lots: 1) + 1_000, AssetSpec.reservationFee(lots: 1)])
    }

    @Test("the admin's devnet.set_faults switches faults and plants at run time; others and malformed specs are refused")
    func runTimeSwitch() async throws {
        let t = try AssetNode()
        let (alice, _) = try await t.user(try TestKeys.alice())
        try await t.chain.faucet(t.node.adminKey.address, nat: 1_000 * Units.nat)
        let admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
        let set = { (args: [String: JSON]) in Call(contract: "devnet", method: "set_faults", args: args) }

        expectReverted(try await alice.send(set(["plant": "skip:pool.timelock"])), "Unauthorized", contract: "devnet", gas: Spec.adminGas)
        let before = t.node.audit()
        let error = await expectRPCError(RPCErrorCode.invalidParams, "a malformed plant") { try await admin.send(set(["plant": "skip:nope"])) }
        #expect(error?.message.contains("plant part \"skip:nope\": unknown refusal rule") == true, "\(String(describing: error))")
        #expect(t.node.audit() == before, "a malformed spec changes nothing")

        let receipt = try await admin.send(set(["faults": "latency=1ms", "plant": "skip:pool.timelock"]))
        #expect(receipt.status == .success && receipt.gasUsed == Spec.adminGas)
        #expect(receipt.events.map(\.type) == ["FaultsChanged"])
        #expect(t.node.plantedBugs == [.skip(.poolTimelock)] && t.node.faultInjector.faults.latency == .milliseconds(1))
        #expect(try await t.rpc.call("devnet_info")["faults"] == ["faults": "latency=1ms,seed=1", "plant": "skip:pool.timelock"])
        _ = try await admin.send(set(["faults": "off", "plant": "off"]))
        #expect(try await t.rpc.call("devnet_info")["faults"] == nil, "devnet_info.faults is present only while something is on")
    }
}
