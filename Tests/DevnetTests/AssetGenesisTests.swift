import Devnet
import Networks
import Testing

/// The genesis `"asset"` object (SPEC 6 "all configurable through the genesis file"):
/// SPEC's defaults, overrides, and refusals that name the bad field's path.
@Suite("Devnet asset genesis")
struct AssetGenesisTests {
    static func genesis(_ asset: JSON) throws(GenesisError) -> Genesis { try Genesis(json: ["asset": asset]) }

    @Test("an empty asset object, and no asset object at all, give SPEC 6's defaults")
    func defaults() throws {
        let a = try Self.genesis([:]).asset
        #expect(a == (try Genesis(json: [:])).asset)
        #expect(a == Genesis.default.asset)
        #expect(a.lotSize == 10_000_000 && a.weiPerUBA == 20 * 1_000_000_000_000)
        #expect(a.collateralReservationFeeBips == 10)
        #expect(a.mintingPaymentWindow == 600 && a.redemptionPaymentWindow == 600)
        #expect(a.redemptionFeeBips == 10 && a.redemptionDefaultPremiumBips == 1_000)
        #expect(a.poolFeeShareBips == 4_000 && a.poolTokenTimelock == 10)
        #expect(a.poolExitCollateralRatioBips == 25_000 && a.poolMinimumEnter == Units.nat)
        #expect(a.agents.map(\.feeBips) == [25, 50, 75, 100, 150])
        #expect(a.agents.allSatisfy { $0.freeLots == 100_000 })
    }

    @Test("a default node reports SPEC 6's settings and five public agents through the API")
    func defaultsOverAPI() async throws {
        let t = try AssetNode()
        let s = try await t.asset.settings()
        #expect(s.lotSize == AssetSpec.lotSize && s.weiPerUBA == AssetSpec.weiPerUBA)
        #expect(s.collateralReservationFeeBips == 10 && s.mintingPaymentWindow == 600 && s.redemptionPaymentWindow == 600)
        #expect(s.redemptionFeeBips == 10 && s.redemptionDefaultPremiumBips == 1_000 && s.poolFeeShareBips == 4_000)
        #expect(s.poolTokenTimelock == 10 && s.poolExitCollateralRatioBips == 25_000 && s.poolMinimumEnter == Units.nat)
        let agents = try await t.asset.agents()
        #expect(agents.map(\.feeBips).sorted() == AssetSpec.genesisFees)
        #expect(agents.allSatisfy { $0.isPublic == true && $0.freeLots == AssetSpec.genesisFreeLots && $0.reservedLots == 0 && $0.mintedLots == 0 })
        #expect(Set(agents.map(\.pool)).count == 5 && Set(agents.map(\.paymentAddress)).count == 5)
        #expect(agents.allSatisfy { $0.paymentAddress == "u" + $0.id.dropFirst() }, "the bot's underlying twin of the agent id")
        let info = try await t.chain.info()
        #expect(info.contracts["asset_manager"] != nil && info.contracts["fund"] != nil)
        let supply = try await t.asset.fundSupply()
        #expect(supply.totalSupply == 0 && supply.minted == 0 && supply.burned == 0, "\(supply)")
    }

    @Test("given fields override the defaults; agents take defaults for what they omit; the document round-trips")
    func overrides() async throws {
        let g = try Self.genesis([
            "lot_size": "5000000", "pool_token_timelock": 30, "redemption_fee_bips": 0,
            "agents": [["fee_bips": 0], ["fee_bips": 10_000, "free_lots": 3, "pool_collateral": "0", "vault_collateral": "7"]],
        ])
        #expect(g.asset.lotSize == 5_000_000 && g.asset.poolTokenTimelock == 30 && g.asset.redemptionFeeBips == 0)
        #expect(g.asset.weiPerUBA == 20 * 1_000_000_000_000, "untouched fields keep their default")
        #expect(g.asset.agents.map(\.feeBips) == [0, 10_000])
        #expect(g.asset.agents[0].freeLots == 100_000 && g.asset.agents[1].freeLots == 3)
        #expect(g.asset.agents[1].poolCollateral == 0 && g.asset.agents[1].vaultCollateral == 7)
        #expect(try Genesis(json: g.json) == g)
        let t = try AssetNode(genesis: g)
        #expect(try await t.asset.settings().lotSize == 5_000_000)
        let agent = try await t.agent(fee: 10_000)
        #expect(agent.freeLots == 3 && agent.vault == 7)
        #expect(try await t.asset.pool(ofAgent: agent.id).totalCollateral == 0)
    }

    /// A bad `asset` document and the path its error must start with.
    struct BadField: CustomTestStringConvertible, Sendable {
        var asset: JSON
        var path: String
        var testDescription: String { "\(path) in \(asset)" }
    }

    static let badFields: [BadField] = [
        BadField(asset: 5, path: "genesis.asset"),
        BadField(asset: ["lot_sise": "1"], path: "genesis.asset.lot_sise"),
        BadField(asset: ["lot_size": "0"], path: "genesis.asset.lot_size"),
        BadField(asset: ["lot_size": 10], path: "genesis.asset.lot_size"),
        BadField(asset: ["lot_size": "-1"], path: "genesis.asset.lot_size"),
        BadField(asset: ["wei_per_uba": "1.5"], path: "genesis.asset.wei_per_uba"),
        BadField(asset: ["pool_minimum_enter": ""], path: "genesis.asset.pool_minimum_enter"),
        BadField(asset: ["minting_payment_window": 0], path: "genesis.asset.minting_payment_window"),
        BadField(asset: ["redemption_payment_window": "600"], path: "genesis.asset.redemption_payment_window"),
        BadField(asset: ["pool_token_timelock": -1], path: "genesis.asset.pool_token_timelock"),
        BadField(asset: ["collateral_reservation_fee_bips": -1], path: "genesis.asset.collateral_reservation_fee_bips"),
        BadField(asset: ["pool_fee_share_bips": .double(1.5)], path: "genesis.asset.pool_fee_share_bips"),
        BadField(asset: ["agents": []], path: "genesis.asset.agents"),
        BadField(asset: ["agents": ["fee_bips": 25]], path: "genesis.asset.agents"),
        BadField(asset: ["agents": [25]], path: "genesis.asset.agents[0]"),
        BadField(asset: ["agents": [["fee_bips": 10_001]]], path: "genesis.asset.agents[0].fee_bips"),
        BadField(asset: ["agents": [["fee_bips": -1]]], path: "genesis.asset.agents[0].fee_bips"),
        BadField(asset: ["agents": [["fee_bips": 25], ["free_lots": 5]]], path: "genesis.asset.agents[1].fee_bips"),
        BadField(asset: ["agents": [["fee_bips": 25, "free_lots": -1]]], path: "genesis.asset.agents[0].free_lots"),
        BadField(asset: ["agents": [["fee_bips": 25, "pool_collateral": "x"]]], path: "genesis.asset.agents[0].pool_collateral"),
        BadField(asset: ["agents": [["fee_bips": 25, "vault_collateral": 1]]], path: "genesis.asset.agents[0].vault_collateral"),
        BadField(asset: ["agents": [["fee_bips": 25, "underlying_balance": "-5"]]], path: "genesis.asset.agents[0].underlying_balance"),
        BadField(asset: ["agents": [["fee_bips": 25, "colour": "red"]]], path: "genesis.asset.agents[0].colour"),
    ]

    @Test("each bad asset field is refused with an error naming its path", arguments: badFields)
    func badField(_ bad: BadField) {
        do {
            let g = try Self.genesis(bad.asset)
            Issue.record("accepted: \(g.asset)")
        } catch {
            #expect(error.description.hasPrefix(bad.path + ":") || error.description.hasPrefix(bad.path + " "),
                "expected an error naming \(bad.path), got: \(error.description)")
        }
    }

    @Test("a share of an amount above 10_000 bips is refused (else pay_uba < 0 or the pool gets more than the fee)",
          arguments: ["redemption_fee_bips", "pool_fee_share_bips"])
    func shareAbove100Percent(_ field: String) {
        #expect(throws: GenesisError.self, "genesis.asset.\(field) = 10_001 must be refused") {
            try Self.genesis([field: 10_001])
        }
    }
}
