import Devnet
import Networks

/// One step of a fuzz program: reads its choices from the input and sends one request.
typealias FuzzOperation = @Sendable (inout FuzzInput, FuzzWorld) -> Void

/// An operation and its name (seeds are built from names).
struct NamedOperation: Sendable {
    let name: String
    let run: FuzzOperation

    init(_ name: String, _ run: @escaping FuzzOperation) {
        self.name = name
        self.run = run
    }
}

/// Every kind of request the fuzzer makes, by opcode: each SPEC write as a valid signed
/// transaction (sometimes spoiled), each read, the underlying chain, the clock, and
/// arbitrary params for every method.
enum FuzzOperations {
    static let all: [NamedOperation] = native + assets + pools + schedules + underlying + arbitrary

    /// SPEC 3 gas of the calls the fuzzer signs, by `contract.method` (pools as `pool`).
    static let gas: [String: Int64] = [
        "native.transfer": 21_000, "deployer.deploy": 500_000, "creator_keys.register_creator": 80_000,
        "creator_keys.buy_key": 120_000, "creator_keys.sell_key": 110_000, "asset_manager.reserve_collateral": 150_000,
        "asset_manager.execute_minting": 200_000, "asset_manager.redeem": 180_000, "asset_manager.redemption_payment_default": 160_000,
        "asset_manager.create_agent": 40_000, "pool.enter": 120_000, "pool.exit": 130_000, "pool.withdraw_fees": 90_000,
        "pool.transfer": 60_000, "fund.transfer": 50_000, "scheduler.create_tag": 40_000, "scheduler.update_tag": 40_000,
        "creator_keys.set_key_price": 40_000, "creator_keys.set_fee_config": 40_000, "creator_keys.set_curve": 40_000,
        "creator_keys.pause": 40_000, "creator_keys.unpause": 40_000, "creator_keys.set_test_timestamp": 40_000,
        "creator_keys.withdraw_treasury": 40_000,
    ]

    static func address(_ input: inout FuzzInput, _ world: FuzzWorld) -> String {
        input.byte() % 8 == 7 ? (world.agents.first ?? FuzzKeys.addresses[0]) : FuzzKeys.addresses[Int(input.byte()) % FuzzKeys.addresses.count]
    }

    static func lots(_ input: inout FuzzInput) -> Int64 { input.byte() % 4 == 0 ? input.int64() : Int64(input.byte() % 8) + 1 }

    static let native: [NamedOperation] = [
        NamedOperation("faucet") { i, w in
            var p: [String: JSON] = ["address": .string(address(&i, w))]
            if i.byte() & 1 == 1 { p["nat"] = i.amountText() }
            if i.byte() & 1 == 1 { p["und"] = i.amountText() }
            w.send(FuzzRequest.make("devnet_faucet", .object(p)), "devnet_faucet")
        },
        NamedOperation("transfer") { i, w in
            let to = address(&i, w)
            w.transact(&i, from: Int(i.byte()), Call(contract: "native", method: "transfer", args: ["to": .string(to), "amount": i.amountText()]),
                gas: 21_000)
        },
        NamedOperation("deploy") { i, w in
            let kind = i.pick(["creator_keys", "creator_keys", "collateral_pool", "x"]) ?? "creator_keys"
            let answer = w.transact(&i, from: Int(i.byte()), Call(contract: "deployer", method: "deploy", args: ["kind": .string(kind)]),
                gas: 500_000)
            if let id = answer?["result"]?["result"]?["contract"]?.stringValue { w.instances.append(id) }
        },
        NamedOperation("keys.setter") { i, w in
            let setters: [(String, [String: JSON])] = [
                ("set_key_price", ["price": i.amountText()]),
                ("set_fee_config", ["creator_bps": .int(i.byte() % 2 == 0 ? 9_000 : i.int64()), "protocol_bps": .int(i.byte() % 2 == 0 ? 1_000 : i.int64())]),
                ("set_curve", ["kind": .string(i.pick(["flat", "linear", "quadratic", "cubic"]) ?? "flat"), "slope": i.amountText()]),
                ("pause", [:]), ("unpause", [:]), ("set_test_timestamp", ["timestamp": .int(i.int64())]),
                ("withdraw_treasury", ["amount": i.amountText(), "to": .string(address(&i, w))]),
            ]
            let (method, args) = i.pick(setters) ?? setters[0]
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.instances) ?? "c0", method: method, args: args), gas: 40_000)
        },
        NamedOperation("keys.register") { i, w in
            let handle = i.pick(["alice", "bob_1", "ab", String(repeating: "a", count: 33), "Bad!", "carol"]) ?? "alice"
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.instances) ?? "c0", method: "register_creator",
                args: ["handle": .string(handle)]), gas: 80_000)
        },
        NamedOperation("keys.buy") { i, w in
            var args: [String: JSON] = ["creator": .string(address(&i, w)), "payment": i.amountText()]
            if i.byte() & 1 == 1 { args["max_price"] = i.amountText() }
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.instances) ?? "c0", method: "buy_key", args: args), gas: 120_000)
        },
        NamedOperation("keys.sell") { i, w in
            w.transact(&i, from: Int(i.byte()), Call(contract: i.pick(w.instances) ?? "c0", method: "sell_key",
                args: ["creator": .string(address(&i, w))]), gas: 110_000)
        },
    ]
}
