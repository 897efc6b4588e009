import Networks

/// Strict mode (`--strict-spec`, `DEVNET_STRICT_SPEC=1`): the node answers only what SPEC
/// sections 1-9 define. Methods, contract calls and reads SPEC does not name are absent
/// (-32601, 2005, -32601), and results keep only the fields SPEC names. docs/API.md
/// "Strict mode" lists every extension this removes.
enum StrictProfile {
    /// The JSON-RPC methods of SPEC 2, 3 and 5.
    static let methods: Set<String> = [
        "rpc.discover", "devnet_info", "devnet_faucet", "nat_getBalance", "nat_getNonce", "nat_sendTransaction", "nat_getReceipt",
        "nat_call", "events_since", "und_getBalance", "und_getSequence", "und_sendPayment", "und_setDepositBlocked",
        "und_getTransaction", "und_getPaymentProof",
    ]

    static let tag = Shape.keys("id", "pause_at", "fast_forward_until")
    static let quote = Shape.keys("price", "creator_fee", "protocol_fee", "total_amount")
    static let agent = Shape.keys("id", "fee_bips", "public", "payment_address", "pool", "opening_time", "free_lots",
        "executed_minting_lots", "redeemed_lots")
    static let requestFields = ["request_id", "agent", "lots", "value_uba", "fee_uba", "pay_uba", "payment_reference", "deadline"]
    static let reservationFields = ["reservation_id", "payment_address", "value_uba", "fee_uba", "payment_reference", "deadline"]
    static let nothing = Shape.fields([:])

    /// Results of the writes SPEC names, by `<contract>.<method>` (pools as `pool`). A write
    /// whose result SPEC does not describe answers `{}`, except for the ids a caller needs
    /// to go on (the deployed contract, the created agent and pool, the tag).
    static let writes: [String: Shape] = {
        var w: [String: Shape] = [
            "native.transfer": nothing, "deployer.deploy": .keys("contract"),
            "asset_manager.reserve_collateral": .fields(Dictionary(uniqueKeysWithValues: reservationFields.map { ($0, .any) })),
            "asset_manager.execute_minting": nothing,
            "asset_manager.redeem": .fields(["requests": .each(.fields(Dictionary(uniqueKeysWithValues: requestFields.map { ($0, .any) }))),
                "remaining_lots": .any]),
            "asset_manager.redemption_payment_default": nothing, "asset_manager.create_agent": .keys("agent", "pool"),
            "scheduler.create_tag": tag, "scheduler.update_tag": tag,
        ]
        for m in ["set_key_price", "set_fee_config", "set_curve", "pause", "unpause", "set_test_timestamp", "withdraw_treasury",
            "register_creator", "buy_key", "sell_key"] { w["creator_keys.\(m)"] = nothing }
        for m in ["enter", "exit", "withdraw_fees", "transfer"] { w["pool.\(m)"] = nothing }
        return w
    }()

    /// Results of the reads SPEC names (sections 4, 6, 7 and 9).
    static let reads: [String: Shape] = {
        var r: [String: Shape] = [
            "creator_keys.get_buy_quote": quote, "creator_keys.get_sell_quote": quote,
            "creator_keys.get_fee_config": .keys("creator_bps", "protocol_bps"), "creator_keys.get_curve": .keys("kind", "slope"),
            "asset_manager.get_settings": .keys("lot_size", "wei_per_uba", "collateral_reservation_fee_bips", "minting_payment_window",
                "redemption_payment_window", "redemption_fee_bips", "redemption_default_premium_bips", "pool_fee_share_bips",
                "pool_token_timelock", "pool_exit_collateral_ratio_bips", "pool_minimum_enter"),
            "asset_manager.get_agents": .each(agent), "asset_manager.get_agent": agent,
            "asset_manager.get_reservation": .fields(Dictionary(uniqueKeysWithValues: (reservationFields + ["status", "payment_hash"]).map { ($0, .any) })),
            "asset_manager.get_redemption": .fields(Dictionary(uniqueKeysWithValues:
                (requestFields + ["status", "payment_hash", "payment_failed", "default_paid"]).map { ($0, .any) })),
            "asset_manager.get_pool": .keys("total_collateral", "total_supply", "fees_received"),
            "asset_manager.get_pool_holder": .fields(["tokens": .any, "unlocked_tokens": .any, "fees": .any,
                "locks": .each(.keys("tokens", "unlock_at"))]),
            "fund.balance_of": .any, "fund.total_supply": .keys("total_supply", "minted", "burned", "as_of_seq"),
            "scheduler.list_schedules": .each(.keys("name", "next_run", "tag", "last_run")),
            "scheduler.list_jobs": .each(.keys("effective_time", "status", "completed_at")),
        ]
        for m in ["get_total_key_supply", "get_key_balance", "get_creator_fee_balance", "get_treasury_balance", "get_key_price",
            "get_reserve_balance"] { r["creator_keys.\(m)"] = .any }
        return r
    }()

    /// An underlying transaction: the payment SPEC 5 describes, its fee and outcome.
    static let underlyingTransaction = Shape.keys("hash", "from", "sequence", "timestamp", "fee", "status", "error", "to", "amount", "reference")

    /// Results of the JSON-RPC methods whose result SPEC describes only in part.
    static let methodResults: [String: Shape] = [
        "devnet_faucet": nothing, "und_sendPayment": underlyingTransaction, "und_setDepositBlocked": underlyingTransaction,
        "und_getTransaction": underlyingTransaction,
    ]

    static func methodResult(_ method: String, _ result: JSON) -> JSON { methodResults[method]?.strip(result) ?? result }

    /// Event data SPEC fixes (SPEC 7's job events); other events keep their data.
    static let events: [String: Shape] = [
        "ScheduleJobCompleted": .keys("schedule", "resource", "tag", "effective_time"),
        "ScheduleJobFailed": .keys("schedule", "resource", "tag", "effective_time"),
    ]

    /// The SPEC part of a contract interface, by interface name (built once).
    static let interfaces: [String: ContractInterface] = Dictionary(uniqueKeysWithValues: Ledger.allInterfaces.map { i in
        let prefix = i.plantName + "."
        return (i.name, ContractInterface(name: i.name,
            writes: i.writes.values.filter { writes[prefix + $0.name] != nil },
            reads: i.reads.values.filter { reads[prefix + $0.name] != nil }))
    })

    static func restrict(_ interface: ContractInterface) -> ContractInterface { interfaces[interface.name] ?? interface }

    static func writeResult(_ call: String, _ result: JSON) -> JSON { (writes[call] ?? nothing).strip(result) }

    static func readResult(_ call: String, _ result: JSON) -> JSON { (reads[call] ?? .any).strip(result) }

    static func eventData(type: String, _ data: JSON) -> JSON { events[type]?.strip(data) ?? data }

    /// SPEC defines `data` only for read failures (`{contract, code, name}`); other errors lose it.
    static func error(_ error: RPCError) -> RPCError {
        guard !(1000..<2000).contains(error.code) else { return error }
        var e = error
        e.data = nil
        return e
    }
}
