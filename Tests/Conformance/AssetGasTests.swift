import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 3's gas table for the bridged asset, its pools and the schedule admin calls, on agents
/// the test creates (needs the admin key). The sender's NAT moves by exactly the fee plus the
/// value SPEC 6 says the call moves.
@Suite("Conformance: SPEC 3 gas of the bridged asset", .controlSchedules(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS"]),
    .timeLimit(.minutes(5)))
struct AssetGasTests {
    static let calls = ["asset_manager.reserve_collateral", "asset_manager.execute_minting", "asset_manager.redeem",
        "asset_manager.redemption_payment_default", "pool.enter", "pool.exit", "pool.withdraw_fees", "pool.transfer",
        "scheduler.create_tag", "scheduler.update_tag", "asset_manager.create_agent"]

    @Test("SPEC 3: each asset-manager, pool and schedule admin call costs its table gas, and the sender pays exactly fee + value",
        arguments: calls)
    func assetGas(name: String) async throws {
        let desk = try await AssetDesk.begin()
        let node = desk.node
        let s = desk.settings
        let user = try await node.party(nat: 10_000 * Units.nat, und: 10_000 * Units.und)
        let agent = try await desk.agent(feeBips: 100, freeLots: 100, poolCollateral: 100 * Units.nat)
        let charged: GasTests.Charged
        switch name {
        case "asset_manager.reserve_collateral":
            charged = try await GasTests.measure(node, user.account, SpecCall(.assetManager, "reserve_collateral"),
                valueOut: SpecAsset.reservationFee(lots: 2, s)) {
                try await desk.send(desk.asset.reserveCollateral(agent: agent.agent, lots: 2, maxMintingFeeBips: 100), by: user)
            }
        case "asset_manager.execute_minting":
            let r = try await desk.reserve(1, of: agent.agent, by: user)
            let proof = try await node.underlying.paymentProof(try await desk.pay(r, by: user).hash)
            charged = try await GasTests.measure(node, user.account, SpecCall(.assetManager, "execute_minting")) {
                try await desk.execute(r, proof: proof, by: user)
            }
        case "asset_manager.redeem":
            try await desk.mint(1, of: agent.agent, by: user)
            charged = try await GasTests.measure(node, user.account, SpecCall(.assetManager, "redeem")) {
                try await desk.send(desk.asset.redeem(lots: 1, agent: agent.agent), by: user)
            }
        case "asset_manager.redemption_payment_default":
            try await desk.mint(1, of: agent.agent, by: user)
            _ = try await user.und.setDepositBlocked(true)
            let request = try #require(try await desk.redeem(1, from: agent.agent, by: user).requests.first)
            try await desk.passDeadline(request.deadline, of: agent.agent)
            charged = try await GasTests.measure(node, user.account, SpecCall(.assetManager, "redemption_payment_default"),
                valueOut: -SpecAsset.defaultPayment(valueUBA: request.valueUBA, s)) {
                try await desk.send(desk.asset.redemptionPaymentDefault(requestID: request.requestID), by: user)
            }
        case "pool.enter":
            charged = try await GasTests.measure(node, user.account, SpecCall(.pool, "enter"), valueOut: 5 * Units.nat) {
                try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 5 * Units.nat), by: user)
            }
        case "pool.exit", "pool.transfer":
            try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 5 * Units.nat), by: user)
            let holding = try await desk.waitUnlocked(1, agent: agent.agent, holder: user.address)
            let pool = try await desk.asset.pool(ofAgent: agent.agent)
            if name == "pool.exit" {
                let paid = SpecAsset.exitPayment(tokens: holding.unlockedTokens, totalCollateral: pool.totalCollateral, totalSupply: pool.totalSupply)
                charged = try await GasTests.measure(node, user.account, SpecCall(.pool, "exit"), valueOut: -paid) {
                    try await desk.pool(AssetManager.poolExit(agent.pool, tokens: holding.unlockedTokens), by: user)
                }
            } else {
                charged = try await GasTests.measure(node, user.account, SpecCall(.pool, "transfer")) {
                    try await desk.pool(AssetManager.poolTransfer(agent.pool, to: KeyPair().address, tokens: holding.unlockedTokens), by: user)
                }
            }
        case "pool.withdraw_fees":
            try await desk.pool(AssetManager.poolEnter(agent.pool, amount: 100 * Units.nat), by: user)
            try await desk.mint(10, of: agent.agent, by: user)
            let fees = try await desk.asset.poolHolding(agent: agent.agent, holder: user.address).fees
            try #require(fees > 0, "the minting credited the holder fees")
            charged = try await GasTests.measure(node, user.account, SpecCall(.pool, "withdraw_fees")) {
                try await desk.pool(AssetManager.poolWithdrawFees(agent.pool, amount: fees), by: user)
            }
        default:
            let admin = try await Network.shared.fundedAdmin()
            let call: Call = switch name {
            case "scheduler.create_tag": desk.control.schedules.createTag("conformance-gas-\(UInt64.random(in: 0...UInt64.max))")
            case "scheduler.update_tag": desk.control.schedules.updateTag(try #require(desk.control.tags[.payRedemptions]), pauseAt: .set(0))
            default: desk.asset.createAgent(feeBips: 10, freeLots: 1)
            }
            let kind = try #require(SpecGas.ContractKind.wellKnown(call.contract, info: node.info))
            // The admin is shared with parallel tests, so only its receipt is checked here.
            charged = GasTests.Charged(receipt: try await node.send(call, kind, by: admin), call: SpecCall(call, kind: kind), valueOut: 0)
        }
        GasTests.check(charged)
    }
}
