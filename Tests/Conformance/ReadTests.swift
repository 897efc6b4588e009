import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 3 and 9: `devnet_info`, and the reads a harness relies on, in the shapes SPEC 9 gives.
@Suite("Conformance: SPEC 9 reads", .timeLimit(.minutes(5)))
struct ReadTests {
    @Test("SPEC 3, 9: devnet_info names the chain id, the admin, asset_manager and fund, genesis_hash, gas_price, underlying_chain_id and attestor")
    func networkInfo() async throws {
        let node = try await Node.connect()
        let raw = try await node.connection.rpc.call("devnet_info")
        let info = try NetworkInfo(json: raw)
        #expect(!info.chainID.isEmpty && !info.underlyingChainID.isEmpty && info.chainID != info.underlyingChainID)
        #expect(AddressKind.native.matches(info.admin), "admin: \(info.admin)")
        #expect(info.gasPrice == SpecGas.gasPrice, "gas_price is SPEC 3's 25 gwei: \(info.gasPrice)")
        #expect(!info.genesisHash.isEmpty && Hex.decode(info.genesisHash) != nil, "genesis_hash is hex: \(info.genesisHash)")
        #expect(AddressKind.native.matches(info.attestor) || AddressKind.underlying.matches(info.attestor), "attestor: \(info.attestor)")
        #expect(raw.objectValue?.keys.contains("kafka") == true, "devnet_info names the Kafka bootstrap (null when off)")
        let settings = try await node.asset.settings()
        #expect(settings.lotSize > 0, "asset_manager answers under its devnet_info id")
        #expect(try await node.asset.fundSupply().totalSupply >= 0, "fund answers under its devnet_info id")
    }

    @Test("SPEC 9: FUND total_supply reports {total_supply, minted, burned, as_of_seq} with total = minted − burned")
    func fundSupply() async throws {
        let node = try await Node.connect()
        let raw = try await node.chain.call(Call(contract: node.asset.fundID, method: "total_supply"))
        let keys = Set(raw.objectValue?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["total_supply", "minted", "burned", "as_of_seq"]), "\(keys.sorted())")
        let supply = try FundSupply(json: raw)
        #expect(supply.totalSupply == supply.minted - supply.burned, "\(supply)")
        let page = try await node.chain.events(since: supply.asOfSeq, limit: 1)
        #expect(supply.asOfSeq == 0 || page.events.first?.seq == supply.asOfSeq, "as_of_seq names an event of the log")
    }

    @Test("SPEC 9: an agent reports executed_minting_lots and redeemed_lots; a reservation and a request report status and payment_hash",
        .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS"]))
    func assetReads() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(freeLots: 10)
        let party = try await desk.node.party()
        let raw = try await desk.node.chain.call(Call(contract: desk.asset.id, method: "get_agent", args: ["id": .string(agent.agent)]))
        #expect(raw["executed_minting_lots"] == 0 && raw["redeemed_lots"] == 0, "\(raw)")
        let r = try await desk.mint(2, of: agent.agent, by: party)
        let reservation = try await desk.node.chain.call(Call(contract: desk.asset.id, method: "get_reservation", args: ["id": .int(r.reservationID)]))
        #expect(reservation["status"] == "EXECUTED" && reservation["payment_hash"]?.stringValue != nil, "\(reservation)")
        let request = try #require(try await desk.redeem(1, from: agent.agent, by: party).requests.first)
        let pending = try await desk.node.chain.call(Call(contract: desk.asset.id, method: "get_redemption", args: ["id": .int(request.requestID)]))
        #expect(pending["status"] == "PENDING" && pending["payment_failed"] == false, "\(pending)")
        #expect(pending.objectValue?.keys.contains("payment_hash") == true && pending.objectValue?.keys.contains("default_paid") == true, "\(pending)")
        let after = try await desk.asset.agent(agent.agent)
        #expect(after.executedMintingLots == 2 && after.redeemedLots == 1 && after.mintedLots == 1)
    }

    @Test("SPEC 9: get_pool reports total_collateral, total_supply, fees_received; get_pool_holder tokens, unlocked_tokens, fees, locks",
        .controlSchedules(["ACCRUE_POOL_REWARDS"]))
    func poolReads() async throws {
        let desk = try await AssetDesk.begin()
        let agent = try await desk.agent(poolCollateral: 0)
        let holder = try await desk.node.party(und: 0)
        try #require(try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 2 * Units.nat), by: holder).status == .success)
        let pool = try await desk.node.chain.call(Call(contract: desk.asset.id, method: "get_pool", args: ["agent": .string(agent.agent)]))
        #expect(pool["total_collateral"] == Amount.wire(2 * Units.nat) && pool["total_supply"] == Amount.wire(2 * Units.nat)
            && pool["fees_received"] == "0", "\(pool)")
        let holding = try await desk.node.chain.call(Call(contract: desk.asset.id, method: "get_pool_holder",
            args: ["agent": .string(agent.agent), "holder": .string(holder.address)]))
        #expect(holding["tokens"] == Amount.wire(2 * Units.nat) && holding["unlocked_tokens"] == "0" && holding["fees"] == "0", "\(holding)")
        #expect((holding["locks"]?.arrayValue?.count ?? 0) == 1, "one running lock: \(holding)")
    }
}
