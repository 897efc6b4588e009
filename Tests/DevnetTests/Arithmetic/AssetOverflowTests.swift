import Devnet
import Networks
import Testing

/// SPEC 6 and 7 arithmetic at the edge of 128 bits: lots worth more NAT than fits, a pool
/// holding nearly all NAT, and a redemption whose default premium cannot be represented all
/// revert or refuse with the contract's error; nothing traps and every amount stays accounted for.
@Suite("Devnet asset arithmetic never traps")
struct AssetOverflowTests {
    /// NAT issued by the default genesis: the reward reserve and five agents' pool and vault.
    static let genesisNat = 1_000_000 * Units.nat + 5 * (AssetSpec.genesisPool + AssetSpec.genesisVault)

    @Test("reserving lots whose NAT value overflows 128 bits reverts with Overflow and only gas moves")
    func hugeReservation() async throws {
        let t = try AssetNode()
        let (alice, _) = try await t.user(try TestKeys.alice())
        try await t.chain.faucet(t.node.adminKey.address, nat: 1_000 * Units.nat)
        let admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
        let created = try CreatedAgent(json: try await admin.send(t.asset.createAgent(feeBips: 10, freeLots: .max)).result ?? .null)
        try await t.expectRevert(t.asset.reserveCollateral(agent: created.agent, lots: .max, maxMintingFeeBips: 10), by: alice,
            agent: created.agent, "Overflow", gas: AssetSpec.reserveGas)
        #expect(t.node.audit().violations.isEmpty)
    }

    @Test("a pool holding nearly all NAT accrues its daily reward and is read without overflow")
    func hugePool() async throws {
        let t = try AssetNode()
        try await t.chain.faucet(t.node.adminKey.address, nat: 1_000 * Units.nat)
        let admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
        let schedules = Schedules(chain: t.chain)
        #expect(try await admin.send(schedules.createTag("huge")).status == .success)
        let collateral = Int128.max - Self.genesisNat - 1_000 * Units.nat
        let receipt = try await admin.send(t.asset.createAgent(feeBips: 10, tags: [.accruePoolRewards: "huge"], poolCollateral: collateral,
            vaultCollateral: 0))
        #expect(receipt.status == .success, "collateral up to Int128.max is issued: \(receipt.json)")
        let agent = try CreatedAgent(json: receipt.result ?? .null)
        let midnight = (AssetNode.start / 86_400 + 1) * 86_400
        #expect(try await admin.send(schedules.updateTag("huge", fastForwardUntil: .set(midnight))).status == .success)

        let jobs = try await schedules.jobs(.accruePoolRewards, of: agent.pool)
        #expect(jobs.map(\.status) == [.succeeded], "the job ran once, without trapping: \(jobs)")
        // floor(C·2/10_000) is far above the 1,000,000 NAT reserve, so the whole reserve moves.
        #expect(try await t.asset.pool(ofAgent: agent.agent).totalCollateral == collateral + 1_000_000 * Units.nat)
        #expect(t.node.audit().violations.isEmpty, "\(t.node.audit().violations)")
    }

    /// One agent whose lot is worth 10^38 wei, so two lots (2·10^38) no longer fit 128 bits,
    /// and alice with the NAT and UND to mint two lots.
    static func bigLots() throws -> Genesis {
        let alice = try TestKeys.alice().address
        return try Genesis(json: [
            "accounts": [["address": .string(alice), "nat": "1000000000000000000000000000000000000", "und": "3000000000000000000000000"]],
            "asset": ["lot_size": "1000000000000000000000000", "wei_per_uba": "100000000000000",
                "agents": [["fee_bips": 0, "free_lots": 10, "pool_collateral": "0", "vault_collateral": "0", "underlying_balance": "0"]]],
        ])
    }

    @Test("a redemption worth more than 128 bits of NAT cannot be defaulted (Overflow) and its pool refuses exits; reads answer")
    func hugeRedemption() async throws {
        let t = try AssetNode(genesis: try Self.bigLots())
        let alice = Account(key: try TestKeys.alice(), chain: t.chain, chainID: t.node.genesis.chainID)
        let aliceUnd = UnderlyingAccount(key: try TestKeys.alice(), chain: t.und, chainID: t.node.genesis.underlyingChainID)
        let agent = try await t.asset.agents()[0]
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)

        // Two minted lots back 2·10^38 wei: more than 128 bits hold.
        let error = await expectRPCError(1019, "get_pool of an agent backing more than Int128.max") {
            try await t.chain.call(Call(contract: "asset_manager", method: "get_pool", args: ["agent": .string(agent.id)]))
        }
        #expect(error?.contractFailure?.name == "Overflow")
        #expect(try await alice.send(AssetManager.poolEnter(agent.pool, amount: Units.nat)).status == .success)
        t.clock.advance(by: 10)
        let exit = try await alice.send(AssetManager.poolExit(agent.pool, tokens: Units.nat))
        expectReverted(exit, "ExitCollateralRatioViolated", contract: "collateral_pool", gas: AssetSpec.exitGas)

        // Blocked deposits keep the redemption pending, so it can be defaulted after its deadline.
        _ = try await aliceUnd.setDepositBlocked(true)
        let redeemed = try RedeemResult(json: try await alice.send(t.asset.redeem(lots: 2, agent: agent.id)).result ?? .null)
        let request = try #require(redeemed.requests.first)
        t.clock.set(request.deadline + 1)
        let nat = try await alice.balance()
        let defaulted = try await alice.send(t.asset.redemptionPaymentDefault(requestID: request.requestID))
        expectReverted(defaulted, "Overflow", gas: AssetSpec.defaultGas)
        #expect(try await alice.balance() == nat - Spec.fee(gas: AssetSpec.defaultGas), "only gas moved")
        #expect(try await t.asset.redemption(request.requestID).status == "PENDING")
        #expect(t.node.audit().violations.isEmpty, "\(t.node.audit().violations)")
    }
}
