import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 6 on the public (genesis) agents, which every test shares: `redeem` without an agent
/// draws from them in ascending id order, each up to the lots it has minted. Other tests may
/// mint and redeem on them at the same time, so each rule is checked only where SPEC 9's
/// counters prove what an agent held at the moment of the redemption.
@Suite("Conformance: SPEC 6 public agents", .requiresFunding, .timeLimit(.minutes(5)))
struct PublicAgentTests {
    @Test("SPEC 6: redeem without an agent draws from public agents in ascending id order, each up to its minted lots")
    func placementOrder() async throws {
        let node = try await Node.connect()
        let asset = node.asset
        let s = try await node.settings()
        let publicAgents = try await asset.agents()
        let ids = publicAgents.map(\.id).sorted()
        try #require(ids.count >= 2, "SPEC 6's genesis has five public agents; this node lists \(ids.count)")
        let redeemer = try await node.party(nat: 1_000 * Units.nat, und: 1_000 * Units.und)
        for id in ids.suffix(2) { try await Self.mint(1, of: id, by: redeemer, node) }

        let before = Dictionary(uniqueKeysWithValues: try await asset.agents().map { ($0.id, $0) })
        let fund = try await asset.fundBalance(of: redeemer.address)
        let receipt = try await node.succeed(asset.redeem(lots: 2), .assetManager, by: redeemer.account)
        let result = try RedeemResult(json: try #require(receipt.result))
        let after = Dictionary(uniqueKeysWithValues: try await asset.agents().map { ($0.id, $0) })

        let drawn = result.requests.map(\.agent)
        #expect(drawn == drawn.sorted() && Set(drawn).count == drawn.count, "one request per agent, ascending ids: \(drawn)")
        #expect(drawn.allSatisfy(ids.contains), "only public agents: \(drawn)")
        let placed = result.requests.reduce(Int64(0)) { $0 + $1.lots }
        #expect(placed + result.remainingLots == 2, "\(result)")
        #expect(try await asset.fundBalance(of: redeemer.address) == fund - SpecAsset.valueUBA(lots: placed, s), "FUND burned for placed lots only")
        for request in result.requests {
            #expect(request.valueUBA == SpecAsset.valueUBA(lots: request.lots, s) && request.payUBA == SpecAsset.payUBA(valueUBA: request.valueUBA, s))
        }
        // An agent that held minted lots throughout (nobody redeemed from it meanwhile) and whose id is
        // below the last agent drawn must have been drawn from, and emptied unless it was the last.
        for id in ids where id < (drawn.last ?? "") {
            guard let b = before[id], let a = after[id], b.mintedLots > 0 else { continue }
            let drawnHere = result.requests.first { $0.agent == id }?.lots ?? 0
            let othersRedeemed = (a.redeemedLots - b.redeemedLots) - drawnHere
            guard othersRedeemed == 0, a.executedMintingLots == b.executedMintingLots else { continue }
            #expect(drawnHere == b.mintedLots, "agent \(id) held \(b.mintedLots) minted lots below the last agent drawn, but \(drawnHere) were placed on it")
        }
    }

    /// Reserve, pay and execute on a public agent.
    static func mint(_ lots: Int64, of agent: String, by party: Party, _ node: Node) async throws {
        let asset = node.asset
        let reserve = try await node.succeed(asset.reserveCollateral(agent: agent, lots: lots, maxMintingFeeBips: 10_000), .assetManager,
            by: party.account)
        let r = try CollateralReservation(json: try #require(reserve.result), agent: agent, lots: lots)
        let tx = try await party.und.pay(r.paymentAmount, to: r.paymentAddress, reference: r.paymentReference)
        try #require(tx.status == .success)
        try await node.succeed(asset.executeMinting(reservationID: r.reservationID, proof: try await node.underlying.paymentProof(tx.hash)),
            .assetManager, by: party.account)
    }
}
