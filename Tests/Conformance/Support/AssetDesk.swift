import Fixtures
import Foundation
import Networks
import Testing

/// The bridged asset as a test drives it (SPEC 6): agents of its own under its schedule tags
/// (`.controlSchedules`), mintings, redemptions and pools, every receipt's charges checked.
struct AssetDesk {
    let node: Node
    let control: ScheduleControl
    let settings: AssetSettingsInfo
    var asset: AssetManager { control.asset }

    static func begin() async throws -> AssetDesk {
        let control = try ScheduleControl.current
        let node = Node(connection: control.connection)
        return AssetDesk(node: node, control: control, settings: try await node.settings())
    }

    /// A private agent of the test, its schedules bound to the test's tags.
    func agent(feeBips: Int64 = 25, freeLots: Int64 = 100, poolCollateral: Int128? = nil, openingTime: Date? = nil) async throws
        -> CreatedAgent
    {
        try await control.createAgent(feeBips: feeBips, openingTime: openingTime, freeLots: freeLots, poolCollateral: poolCollateral)
    }

    /// Sends an asset-manager call by `party`, whatever the outcome.
    @discardableResult
    func send(_ call: Call, by party: Party, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Receipt {
        try await node.send(call, .assetManager, by: party.account, sourceLocation: sourceLocation)
    }

    /// Sends a pool call by `party`, whatever the outcome.
    @discardableResult
    func pool(_ call: Call, by party: Party, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Receipt {
        try await node.send(call, .pool, by: party.account, sourceLocation: sourceLocation)
    }

    /// Reserves `lots` of `agent`; requires success.
    func reserve(_ lots: Int64, of agent: String, by party: Party, maxFeeBips: Int64 = 10_000) async throws -> CollateralReservation {
        let receipt = try await send(asset.reserveCollateral(agent: agent, lots: lots, maxMintingFeeBips: maxFeeBips), by: party)
        try #require(receipt.status == .success, "reserve_collateral: \(receipt.json)")
        return try CollateralReservation(json: try #require(receipt.result), agent: agent, lots: lots)
    }

    /// Pays for `r` on the underlying chain (by default exactly `value_uba + fee_uba`, with its reference).
    func pay(_ r: CollateralReservation, by party: Party, amount: Int128? = nil, reference: String?? = .none, to: String? = nil)
        async throws -> UnderlyingTransaction
    {
        let tx = try await party.und.pay(amount ?? r.paymentAmount, to: to ?? r.paymentAddress, reference: reference ?? r.paymentReference)
        try #require(tx.status == .success, "the payment failed: \(tx)")
        return tx
    }

    /// Executes `r` with `proof` by `party`, whatever the outcome.
    @discardableResult
    func execute(_ r: CollateralReservation, proof: PaymentProof, by party: Party, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Receipt
    {
        try await send(asset.executeMinting(reservationID: r.reservationID, proof: proof), by: party, sourceLocation: sourceLocation)
    }

    /// Reserve, pay, prove, execute; requires success.
    @discardableResult
    func mint(_ lots: Int64, of agent: String, by party: Party) async throws -> CollateralReservation {
        let r = try await reserve(lots, of: agent, by: party)
        let tx = try await pay(r, by: party)
        let receipt = try await execute(r, proof: try await node.underlying.paymentProof(tx.hash), by: party)
        try #require(receipt.status == .success, "execute_minting: \(receipt.json)")
        return r
    }

    /// Redeems `lots` (from `agent`, or from public agents); requires success.
    func redeem(_ lots: Int64, from agent: String?, by party: Party) async throws -> RedeemResult {
        let receipt = try await send(asset.redeem(lots: lots, agent: agent), by: party)
        try #require(receipt.status == .success, "redeem: \(receipt.json)")
        return try RedeemResult(json: try #require(receipt.result))
    }

    /// Waits until `holder` holds at least `tokens` unlocked tokens of `agent`'s pool (the timelock, SPEC 6).
    @discardableResult
    func waitUnlocked(_ tokens: Int128, agent: String, holder: String) async throws -> PoolHolding {
        let retry = Retry(timeout: .seconds(settings.poolTokenTimelock + 20), interval: .milliseconds(250), backoff: 1.2, maxInterval: .seconds(1))
        return try await retry.run("\(tokens) unlocked pool tokens of \(holder)",
            attempt: { try await asset.poolHolding(agent: agent, holder: holder) }, until: { $0.unlockedTokens >= tokens })
    }

    /// Runs `PAY_REDEMPTIONS` of `agent` through `time`, so the agent's time passes a deadline (SPEC 7).
    func passDeadline(_ deadline: Int64, of agent: String) async throws {
        try await control.runScheduleJobs(.payRedemptions, for: agent, through: deadline + 5)
    }
}
