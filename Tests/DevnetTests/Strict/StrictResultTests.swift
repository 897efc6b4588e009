import Devnet
import Networks
import Testing

/// Strict mode keeps only the result fields SPEC names: receipts, events, devnet_info,
/// reads and the underlying chain. docs/API.md "Strict mode" lists what it removes.
@Suite("Devnet strict mode: result fields")
struct StrictResultTests {
    @Test("devnet_info has SPEC 3 and 9's fields; the faucet's result is empty; refusals carry no data")
    func nativeMethods() async throws {
        let s = try await StrictNode()
        let info = try await s.t.rpc.call("devnet_info")
        #expect(StrictNode.keys(info) == ["chain_id", "underlying_chain_id", "genesis_hash", "attestor", "admin", "gas_price",
            "contracts", "kafka"])
        #expect(try await s.t.rpc.call("devnet_faucet", ["address": .string(s.alice.address), "nat": "1"]) == [:])
        let refused = await expectRPCError(RPCErrorCode.wrongNonce, "a replayed nonce") {
            try await s.t.rpc.call("nat_sendTransaction", s.alice.key.sign(envelope: NativeEnvelope(chainID: s.t.node.genesis.chainID,
                from: s.alice.address, nonce: 5, call: TestNode.transfer(to: s.admin.address, amount: "1")).json).json)
        }
        #expect(refused?.data == nil, "SPEC defines error data only for read failures")
        let readError = await expectRPCError(1001, "an unknown agent") { try await s.read("asset_manager", "get_agent", ["id": .string(s.alice.address)]) }
        #expect(readError?.contractFailure?.name == "UnknownAgent", "read failures keep {contract, code, name}")
    }

    @Test("asset results, reads and receipts keep only SPEC 6 and 9's fields")
    func asset() async throws {
        let s = try await StrictNode()
        let agent = try await s.read("asset_manager", "get_agents").arrayValue?.first
        #expect(StrictNode.keys(agent) == ["id", "fee_bips", "public", "payment_address", "pool", "opening_time", "free_lots",
            "executed_minting_lots", "redeemed_lots"])
        let id = try #require(agent?["id"]?.stringValue)
        let settings = try await s.read("asset_manager", "get_settings")
        #expect(!StrictNode.keys(settings).contains("reward_reserve") && StrictNode.keys(settings).count == 11, "\(settings)")

        let reserve = try await s.alice.send(s.t.asset.reserveCollateral(agent: id, lots: 1, maxMintingFeeBips: 10_000))
        #expect(StrictNode.keys(reserve.result) == ["reservation_id", "payment_address", "value_uba", "fee_uba", "payment_reference",
            "deadline"])
        // Networks' decoder still wants the devnet's reservation_fee; the strict result has none.
        var result = try #require(reserve.result?.objectValue)
        result["reservation_fee"] = "0"
        let r = try CollateralReservation(json: .object(result), agent: id, lots: 1)
        let reservation = try await s.read("asset_manager", "get_reservation", ["id": .int(r.reservationID)])
        #expect(StrictNode.keys(reservation) == StrictNode.keys(reserve.result).union(["status", "payment_hash"]))
        let proof = try await s.t.pay(r, from: s.aliceUnd)
        let executed = try await s.alice.send(s.t.asset.executeMinting(reservationID: r.reservationID, proof: proof))
        #expect(executed.status == .success && executed.result == [:], "SPEC names no result for execute_minting")
        let pool = try await s.read("asset_manager", "get_pool", ["agent": .string(id)])
        #expect(StrictNode.keys(pool) == ["total_collateral", "total_supply", "fees_received"])
        let holder = try await s.read("asset_manager", "get_pool_holder", ["agent": .string(id), "holder": .string(id)])
        #expect(StrictNode.keys(holder) == ["tokens", "unlocked_tokens", "fees", "locks"])

        let redeem = try await s.alice.send(s.t.asset.redeem(lots: 1, agent: id))
        #expect(StrictNode.keys(redeem.result) == ["requests", "remaining_lots"])
        let request = try #require(redeem.result?["requests"]?.arrayValue?.first)
        #expect(StrictNode.keys(request) == ["request_id", "agent", "lots", "value_uba", "fee_uba", "pay_uba", "payment_reference", "deadline"])
        s.t.clock.advance(by: 5)
        let redemption = try await s.read("asset_manager", "get_redemption", ["id": try #require(request["request_id"])])
        #expect(StrictNode.keys(redemption) == StrictNode.keys(request).union(["status", "payment_hash", "payment_failed", "default_paid"]))
        #expect(redemption["status"] == "SUCCESSFUL")
        let jobs = try await s.t.chain.events(since: 1, limit: 10_000, type: "ScheduleJobCompleted").events
        #expect(!jobs.isEmpty && jobs.allSatisfy { StrictNode.keys($0.data) == ["schedule", "resource", "tag", "effective_time"] })
        let supply = try await s.read("fund", "total_supply")
        #expect(StrictNode.keys(supply) == ["total_supply", "minted", "burned", "as_of_seq"])
    }

    @Test("underlying transactions keep the payment SPEC 5 describes; proofs are unchanged")
    func underlying() async throws {
        let s = try await StrictNode()
        let tx = try await s.t.rpc.call("und_getTransaction",
            ["hash": .string(try await s.aliceUnd.pay(5, to: s.admin.key.underlyingAddress, reference: String(repeating: "ab", count: 32)).hash)])
        #expect(StrictNode.keys(tx) == ["hash", "from", "sequence", "timestamp", "fee", "status", "to", "amount", "reference"])
        let proof = try await s.t.rpc.call("und_getPaymentProof", ["hash": try #require(tx["hash"])])
        #expect(StrictNode.keys(proof) == ["tx_hash", "from", "to", "amount", "reference", "timestamp", "signature"])
        let blocked = try await s.t.rpc.call("und_getTransaction", ["hash": .string(try await s.aliceUnd.setDepositBlocked(true).hash)])
        #expect(StrictNode.keys(blocked) == ["hash", "from", "sequence", "timestamp", "fee", "status"])
    }

    @Test("creator-keys writes answer SPEC's receipt with an empty result; quotes keep their four fields")
    func creatorKeys() async throws {
        let s = try await StrictNode()
        let deploy = try await s.admin.send(Call(contract: "deployer", method: "deploy", args: ["kind": "creator_keys"]))
        #expect(StrictNode.keys(deploy.result) == ["contract"], "the new instance's id is all a caller needs")
        let keys = try #require(deploy.result?["contract"]?.stringValue)
        for call in [Call(contract: keys, method: "set_key_price", args: ["price": "1000"]),
            Call(contract: keys, method: "set_fee_config", args: ["creator_bps": 9_000, "protocol_bps": 1_000]),
            Call(contract: keys, method: "register_creator", args: ["handle": "strict"])]
        {
            let receipt = try await s.admin.send(call)
            #expect(receipt.status == .success && receipt.result == [:])
            #expect(StrictNode.keys(receipt.json) == ["hash", "block", "timestamp", "status", "gas_used", "fee", "result", "events"])
        }
        let quote = try await s.read(keys, "get_buy_quote", ["creator": .string(s.admin.address)])
        #expect(StrictNode.keys(quote) == ["price", "creator_fee", "protocol_fee", "total_amount"])
        let buy = try await s.alice.send(Call(contract: keys, method: "buy_key", args: ["creator": .string(s.admin.address), "payment": "2000"]))
        #expect(buy.status == .success && buy.result == [:], "\(buy.json)")
        #expect(try await s.t.chain.receipt(buy.hash) == buy, "nat_getReceipt answers the same stripped receipt")
    }
}
