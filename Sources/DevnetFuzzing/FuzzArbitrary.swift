import Devnet
import Networks

/// Requests built from arbitrary JSON: every method and read with any params, signed calls
/// of any contract method with any args (past the signature check), lookups and batches.
extension FuzzOperations {
    static let methods = [
        "devnet_info", "devnet_faucet", "nat_getBalance", "nat_getNonce", "nat_sendTransaction", "nat_getReceipt", "nat_call",
        "events_since", "rpc.discover", "und_getBalance", "und_getSequence", "und_sendPayment", "und_setDepositBlocked",
        "und_getTransaction", "und_getPaymentProof", "nope",
    ]
    static let reads = ["nat_getBalance", "nat_getNonce", "nat_getReceipt", "nat_call", "events_since", "und_getBalance", "und_getSequence",
        "und_getTransaction", "und_getPaymentProof", "devnet_info"]
    static let readNames = [
        "get_buy_quote", "get_sell_quote", "get_total_key_supply", "get_key_balance", "get_creator_fee_balance", "get_creator",
        "get_treasury_balance", "get_reserve_balance", "get_fee_config", "get_key_price", "get_curve", "get_state", "get_settings",
        "get_agents", "get_agent", "get_reservation", "get_redemption", "get_pool", "get_pool_holder", "balance_of", "total_supply",
        "get_tag", "list_schedules", "list_jobs", "nope",
    ]
    static let writeNames = [
        "transfer", "deploy", "set_key_price", "set_fee_config", "set_curve", "pause", "unpause", "set_test_timestamp",
        "withdraw_treasury", "register_creator", "buy_key", "sell_key", "reserve_collateral", "execute_minting", "redeem",
        "redemption_payment_default", "create_agent", "enter", "exit", "withdraw_fees", "create_tag", "update_tag", "nope",
    ]

    static func contract(_ i: inout FuzzInput, _ w: FuzzWorld) -> String {
        switch i.byte() % 8 {
        case 0: "native"
        case 1: "deployer"
        case 2: "asset_manager"
        case 3: "fund"
        case 4: "scheduler"
        case 5: i.pick(w.instances) ?? "c0"
        case 6: i.pick(w.pools) ?? "c1"
        default: i.pick(FuzzInput.strings) ?? ""
        }
    }

    /// Args with the names reads and writes take, filled with real ids where the program knows some.
    static func args(_ i: inout FuzzInput, _ w: FuzzWorld) -> [String: JSON] {
        var args = i.object().objectValue ?? [:]
        for name in ["agent", "creator", "holder", "address", "to"] where i.byte() % 4 == 0 { args[name] = .string(address(&i, w)) }
        for name in ["id", "reservation_id", "request_id"] where i.byte() % 4 == 0 { args[name] = .int(i.pick(w.requests) ?? Int64(i.byte())) }
        if i.byte() % 4 == 0 { args["resource"] = .string(i.pick(w.agents + w.pools) ?? "") }
        if i.byte() % 4 == 0 { args["schedule"] = .string(i.pick(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS"]) ?? "") }
        return args
    }

    static let arbitrary: [NamedOperation] = [
        NamedOperation("read") { i, w in
            let params: JSON = ["contract": .string(contract(&i, w)), "method": .string(i.pick(readNames) ?? ""), "args": .object(args(&i, w))]
            w.send(FuzzRequest.make("nat_call", params), "nat_call \(params["contract"] ?? "")", read: true)
        },
        NamedOperation("method") { i, w in
            let method = i.pick(methods) ?? "nope"
            w.send(FuzzRequest.make(method, i.byte() % 8 == 0 ? i.json() : i.object()), "\(method) with arbitrary params",
                read: reads.contains(method))
        },
        NamedOperation("signed_call") { i, w in
            let call = Call(contract: contract(&i, w), method: i.pick(writeNames) ?? "", args: args(&i, w))
            let kind = w.pools.contains(call.contract) ? "pool" : w.instances.contains(call.contract) ? "creator_keys" : call.contract
            w.transact(&i, from: Int(i.byte()), call, gas: gas["\(kind).\(call.method)"])
        },
        NamedOperation("lookup") { i, w in
            let hash = i.byte() % 4 == 0 ? (i.pick(FuzzInput.strings) ?? "") : (i.pick(w.hashes + w.payments) ?? "")
            let method = i.pick(["nat_getReceipt", "und_getTransaction", "und_getPaymentProof"]) ?? "nat_getReceipt"
            w.send(FuzzRequest.make(method, ["hash": .string(hash)]), method, read: true)
        },
        NamedOperation("events") { i, w in
            var params: [String: JSON] = ["seq": .int(i.byte() % 4 == 0 ? i.int64() : Int64(i.byte())), "limit": .int(i.byte() % 4 == 0 ? i.int64() : 100)]
            if i.byte() & 1 == 1 { params["filter"] = i.object() }
            w.send(FuzzRequest.make("events_since", .object(params)), "events_since", read: true)
        },
        NamedOperation("batch") { i, w in
            let items: [JSON] = (0..<(i.byte() % 4)).map { n in
                var o: [String: JSON] = ["jsonrpc": "2.0", "method": .string(i.pick(methods) ?? ""), "params": i.object()]
                if i.byte() % 4 != 0 { o["id"] = .int(Int64(n)) }
                return .object(o)
            }
            w.send(JSON.array(items).canonicalBytes, "a batch of \(items.count)", notification: true)
        },
    ]
}
