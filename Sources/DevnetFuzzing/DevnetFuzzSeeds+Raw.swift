import Devnet
import Networks

/// Raw seeds: one JSON-RPC body per method, each signed write valid for a fresh fuzz node
/// (nonce or sequence 0 of a genesis account), so mutations start from inside the ledger.
extension DevnetFuzzSeeds {
    static func raw() -> [(name: String, bytes: [UInt8])] {
        let world = FuzzWorld()
        let (admin, alice, bob) = (FuzzKeys.actors[0], FuzzKeys.actors[1], FuzzKeys.addresses[2])
        let agent = world.agents.first ?? ""
        let pool = world.pools.first ?? ""
        func signed(_ key: KeyPair, _ contract: String, _ method: String, _ args: [String: JSON]) -> [UInt8] {
            FuzzRequest.make("nat_sendTransaction", key.sign(envelope: NativeEnvelope(chainID: FuzzKeys.genesis.chainID, from: key.address,
                nonce: 0, call: Call(contract: contract, method: method, args: args)).json).json)
        }
        func underlying(_ method: String, _ key: String, _ body: JSON) -> [UInt8] {
            FuzzRequest.make(method, alice.sign(envelope: [
                "chain_id": .string(FuzzKeys.genesis.underlyingChainID), "from": .string(alice.underlyingAddress), "sequence": 0, key: body,
            ]).json)
        }
        let seed: JSON = ["deployer": .string(alice.address), "nonce": 0, "chain_id": .string(FuzzKeys.genesis.chainID)]
        let keys = "c" + Digest.sha256Hex(seed.canonicalBytes)
        return [
            ("raw-transfer", signed(alice, "native", "transfer", ["to": .string(bob), "amount": "1000"])),
            ("raw-deploy", signed(alice, "deployer", "deploy", ["kind": "creator_keys"])),
            ("raw-set-key-price", signed(alice, keys, "set_key_price", ["price": "1000"])),
            ("raw-register-creator", signed(alice, keys, "register_creator", ["handle": "alice"])),
            ("raw-buy-key", signed(alice, keys, "buy_key", ["creator": .string(alice.address), "payment": "2000"])),
            ("raw-reserve", signed(alice, "asset_manager", "reserve_collateral", ["agent": .string(agent), "lots": 1, "max_minting_fee_bips": 100])),
            ("raw-execute", signed(alice, "asset_manager", "execute_minting", ["reservation_id": 1, "proof": ["tx_hash": "00", "signature": "00"]])),
            ("raw-redeem", signed(alice, "asset_manager", "redeem", ["lots": 1])),
            ("raw-default", signed(alice, "asset_manager", "redemption_payment_default", ["request_id": 1])),
            ("raw-create-agent", signed(admin, "asset_manager", "create_agent", ["fee_bips": 30, "opening_time": 1_690_000_000, "free_lots": 5])),
            ("raw-pool-enter", signed(alice, pool, "enter", ["amount": "1000000000000000000"])),
            ("raw-pool-exit", signed(alice, pool, "exit", ["tokens": "1"])),
            ("raw-pool-withdraw-fees", signed(alice, pool, "withdraw_fees", ["amount": "1"])),
            ("raw-pool-transfer", signed(alice, pool, "transfer", ["to": .string(bob), "tokens": "1"])),
            ("raw-fund-transfer", signed(alice, "fund", "transfer", ["to": .string(bob), "amount": "1"])),
            ("raw-create-tag", signed(admin, "scheduler", "create_tag", ["tag": "t0", "fast_forward_until": 1_700_000_600])),
            ("raw-update-tag", signed(admin, "scheduler", "update_tag", ["tag": "t0", "pause_at": .null])),
            ("raw-und-payment", underlying("und_sendPayment", "payment", ["to": .string("u" + bob.dropFirst()), "amount": "5"])),
            ("raw-und-blocked", underlying("und_setDepositBlocked", "settings", ["deposit_blocked": true])),
            ("raw-faucet", FuzzRequest.make("devnet_faucet", ["address": .string(bob), "nat": "1", "und": "1"])),
            ("raw-read", FuzzRequest.make("nat_call", ["contract": "asset_manager", "method": "get_agent", "args": ["id": .string(agent)]])),
            ("raw-events", FuzzRequest.make("events_since", ["seq": 1, "limit": 10, "filter": ["type": "AgentCreated"]])),
            ("raw-batch", JSON.array([JSON.object(["jsonrpc": "2.0", "id": 1, "method": "devnet_info"]),
                JSON.object(["jsonrpc": "2.0", "method": "nat_getNonce", "params": ["address": .string(bob)]])]).canonicalBytes),
        ]
    }
}
