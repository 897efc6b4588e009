import Devnet
import Networks

/// The bridged asset's operations: minting, redemption, agents, pools, FUND, schedules and
/// the underlying chain.
extension FuzzOperations {
    static let assets: [NamedOperation] = [
        NamedOperation("reserve") { i, w in
            let agent = i.byte() % 8 == 0 ? address(&i, w) : (i.pick(w.agents) ?? "")
            let args: [String: JSON] = ["agent": .string(agent), "lots": .int(lots(&i)), "max_minting_fee_bips": .int(i.byte() % 4 == 0 ? i.int64() : 10_000)]
            let answer = w.transact(&i, from: Int(i.byte()), Call(contract: "asset_manager", method: "reserve_collateral", args: args), gas: 150_000)
            let r = answer?["result"]?["result"]
            if let id = r?["reservation_id"]?.intValue, let to = r?["payment_address"]?.stringValue, let reference = r?["payment_reference"]?.stringValue,
                let value = r?["value_uba"]?.stringValue.flatMap({ try? Amount.parse($0) }), let fee = r?["fee_uba"]?.stringValue.flatMap({ try? Amount.parse($0) })
            {
                w.reservations.append(FuzzWorld.Reservation(id: id, address: to, reference: reference, amount: value &+ fee))
            }
        },
        NamedOperation("pay") { i, w in
            guard let r = i.pick(w.reservations) else { return }
            let amount = i.byte() % 4 == 0 ? i.amount() : r.amount
            let reference = i.byte() % 8 == 0 ? String(repeating: "ab", count: 32) : r.reference
            w.transactUnderlying(&i, from: Int(i.byte() % 3) + 1, method: "und_sendPayment", key: "payment",
                body: ["to": .string(r.address), "amount": Amount.wire(amount), "reference": .string(reference)])
        },
        NamedOperation("execute") { i, w in
            guard let hash = i.pick(w.payments) else { return }
            var proof = w.result(of: FuzzRequest.make("und_getPaymentProof", ["hash": .string(hash)])) ?? [:]
            if i.byte() % 8 == 0, case .object(var o) = proof { o[i.pick(["amount", "to", "reference", "signature", "x"]) ?? "x"] = i.json(); proof = .object(o) }
            let id = i.pick(w.reservations)?.id ?? i.int64()
            w.transact(&i, from: Int(i.byte()), Call(contract: "asset_manager", method: "execute_minting",
                args: ["reservation_id": .int(id), "proof": proof]), gas: 200_000)
        },
        NamedOperation("redeem") { i, w in
            var args: [String: JSON] = ["lots": .int(lots(&i))]
            if i.byte() & 1 == 1 { args["agent"] = .string(i.pick(w.agents) ?? address(&i, w)) }
            let answer = w.transact(&i, from: Int(i.byte()), Call(contract: "asset_manager", method: "redeem", args: args), gas: 180_000)
            for r in answer?["result"]?["result"]?["requests"]?.arrayValue ?? [] { if let id = r["request_id"]?.intValue { w.requests.append(id) } }
        },
        NamedOperation("default") { i, w in
            let id = i.pick(w.requests) ?? i.int64()
            w.transact(&i, from: Int(i.byte()), Call(contract: "asset_manager", method: "redemption_payment_default",
                args: ["request_id": .int(id)]), gas: 160_000)
        },
        NamedOperation("create_agent") { i, w in
            var args: [String: JSON] = ["fee_bips": .int(i.byte() % 4 == 0 ? i.int64() : Int64(i.byte()) * 40)]
            if i.byte() & 1 == 1 { args["opening_time"] = .int(i.byte() % 2 == 0 ? FuzzKeys.start - Int64(i.u16()) * 60 : i.int64()) }
            if i.byte() & 1 == 1, let tag = i.pick(w.tags) {
                args["tags"] = .object([i.pick(["PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS", "NOPE"]) ?? "": .string(tag)])
            }
            for name in ["public", "free_lots", "pool_collateral", "vault_collateral", "underlying_balance"] where i.byte() % 3 == 0 {
                args[name] = name == "public" ? .bool(i.byte() & 1 == 1) : name == "free_lots" ? .int(i.int64()) : Amount.wire(i.amount())
            }
            let answer = w.transact(&i, from: i.byte() % 4 == 0 ? Int(i.byte()) : 0, Call(contract: "asset_manager", method: "create_agent", args: args),
                gas: 40_000)
            if let agent = answer?["result"]?["result"]?["agent"]?.stringValue, let pool = answer?["result"]?["result"]?["pool"]?.stringValue {
                w.agents.append(agent)
                w.pools.append(pool)
            }
        },
    ]

    static let pools: [NamedOperation] = [
        NamedOperation("pool.enter") { i, w in
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.pools) ?? "c0", method: "enter", args: ["amount": i.amountText()]), gas: 120_000)
        },
        NamedOperation("pool.exit") { i, w in
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.pools) ?? "c0", method: "exit", args: ["tokens": i.amountText()]), gas: 130_000)
        },
        NamedOperation("pool.withdraw_fees") { i, w in
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.pools) ?? "c0", method: "withdraw_fees", args: ["amount": i.amountText()]),
                gas: 90_000)
        },
        NamedOperation("pool.transfer") { i, w in
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.pools) ?? "c0", method: "transfer",
                args: ["to": .string(address(&i, w)), "tokens": i.amountText()]), gas: 60_000)
        },
        NamedOperation("fund.transfer") { i, w in
            w.transact(&i, from: Int(i.byte()), Call(contract: "fund", method: "transfer", args: ["to": .string(address(&i, w)), "amount": i.amountText()]),
                gas: 50_000)
        },
    ]

    static let schedules: [NamedOperation] = [
        NamedOperation("tag.create") { i, w in
            let tag = i.pick(["t0", "t1", "t2", "", "bad tag", String(repeating: "t", count: 129)]) ?? "t0"
            var args: [String: JSON] = ["tag": .string(tag)]
            if i.byte() & 1 == 1 { args["pause_at"] = .int(i.int64()) }
            if i.byte() & 1 == 1 { args["fast_forward_until"] = .int(i.int64()) }
            if i.byte() & 1 == 1 { args["paused"] = .bool(i.byte() & 1 == 1) }
            let answer = w.transact(&i, from: i.byte() % 4 == 0 ? Int(i.byte()) : 0, Call(contract: "scheduler", method: "create_tag", args: args),
                gas: 40_000)
            if answer?["result"]?["status"] == "success" { w.tags.append(tag) }
        },
        NamedOperation("tag.update") { i, w in
            var args: [String: JSON] = ["tag": .string(i.pick(w.tags) ?? "t0")]
            if i.byte() & 1 == 1 { args["pause_at"] = i.byte() % 4 == 0 ? .null : .int(FuzzKeys.start &+ Int64(i.u16()) * 10) }
            if i.byte() & 1 == 1 { args["fast_forward_until"] = i.byte() % 4 == 0 ? .null : .int(i.byte() % 8 == 0 ? i.int64() : w.clock.now &+ Int64(i.u16())) }
            w.transact(&i, from: i.byte() % 4 == 0 ? Int(i.byte()) : 0, Call(contract: "scheduler", method: "update_tag", args: args), gas: 40_000)
        },
        // At most two hours: the devnet runs every job of a jump (~1,500 an hour here), which would
        // dominate each input; a pool's midnight is reached by fast-forwarding its tag instead.
        NamedOperation("clock") { i, w in w.clock.advance(by: i.pick([1, 5, 10, 60, 600, 601, 1_801, 1, 5, 10, 60, 601, 3_601, 7_201, 600, 11]) ?? 1) },
    ]

    static let underlying: [NamedOperation] = [
        NamedOperation("und.payment") { i, w in
            var payment: [String: JSON] = ["to": .string(i.pick(w.reservations)?.address ?? ("u" + address(&i, w).dropFirst())), "amount": i.amountText()]
            if i.byte() & 1 == 1 { payment["reference"] = .string(i.pick(FuzzInput.strings) ?? "") }
            w.transactUnderlying(&i, from: Int(i.byte()), method: "und_sendPayment", key: "payment", body: .object(payment))
        },
        NamedOperation("und.deposit_blocked") { i, w in
            w.transactUnderlying(&i, from: Int(i.byte()), method: "und_setDepositBlocked", key: "settings", body: ["deposit_blocked": .bool(i.byte() & 1 == 1)])
        },
    ]
}
