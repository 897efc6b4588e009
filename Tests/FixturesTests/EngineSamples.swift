@testable import Fixtures
import Networks

/// Fixed inputs for the load engine's unit tests: SPEC 6's default settings, agents, pool
/// totals, reservations and redemption requests built the way the node's answers build them.
enum EngineSamples {
    static let wei: Int128 = 1_000_000_000_000_000_000
    /// SPEC 3's gas price.
    static let gasPrice: Int128 = 25_000_000_000

    static let agentA = "c" + String(repeating: "a", count: 64)
    static let agentB = "c" + String(repeating: "b", count: 64)
    /// The first ten characters of an agent id, as mismatch fields name a pool.
    static func short(_ agent: String) -> String { String(agent.prefix(10)) }

    /// `get_settings` with SPEC 6's genesis defaults.
    static func settings() throws -> AssetSettingsInfo {
        try AssetSettingsInfo(json: [
            "lot_size": "10000000", "wei_per_uba": "20000000000000", "collateral_reservation_fee_bips": 10,
            "minting_payment_window": 600, "redemption_payment_window": 600, "redemption_fee_bips": 10,
            "redemption_default_premium_bips": 1000, "pool_fee_share_bips": 4000, "pool_token_timelock": 10,
            "pool_exit_collateral_ratio_bips": 25000, "pool_minimum_enter": "1000000000000000000",
        ])
    }

    /// A user as `LoadRun.userFunds` leaves it: 1 000 NAT, 500 UND, no FUND.
    static func funded(fund: Int128 = 0) -> UserState {
        UserState(nat: 1_000 * wei, und: 500_000_000, fund: fund)
    }

    static func pool(_ agent: String, collateral: Int128 = 0, supply: Int128 = 0, feesReceived: Int128 = 0) throws -> PoolInfo {
        try PoolInfo(json: [
            "pool": .string("p" + agent.dropFirst()), "agent": .string(agent), "total_collateral": .string(String(collateral)),
            "total_supply": .string(String(supply)), "fund_balance": "0", "fees_received": .string(String(feesReceived)),
            "backed_value": "0",
        ])
    }

    static func reservation(_ id: Int64, agent: String = agentA, lots: Int64, feeBips: Int64) throws -> CollateralReservation {
        let value = Int128(lots) * 10_000_000
        return try CollateralReservation(json: [
            "reservation_id": .int(id), "payment_address": .string("u" + String(repeating: "1", count: 64)),
            "value_uba": .string(String(value)), "fee_uba": .string(String(value * Int128(feeBips) / 10_000)),
            "payment_reference": .string(String(repeating: "e", count: 64)), "deadline": 1_700_000_600,
            "reservation_fee": .string(String(Int128(lots) * 200_000_000_000_000_000)),
        ], agent: agent, lots: lots)
    }

    static func request(_ id: Int64, agent: String = agentA, lots: Int64) throws -> RedemptionRequest {
        let value = Int128(lots) * 10_000_000
        return try RedemptionRequest(json: [
            "request_id": .int(id), "agent": .string(agent), "lots": .int(lots), "value_uba": .string(String(value)),
            "fee_uba": .string(String(value / 1_000)), "pay_uba": .string(String(value - value / 1_000)),
            "payment_reference": .string(String(repeating: "f", count: 64)), "deadline": 1_700_000_600,
        ])
    }
}
