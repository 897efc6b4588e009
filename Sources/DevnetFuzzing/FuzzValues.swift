import Networks

/// Arbitrary JSON for params decoding: names the node knows, strings where parsing breaks.
extension FuzzInput {
    static let keys = [
        "address", "nat", "und", "hash", "seq", "limit", "filter", "type", "resource", "contract", "method", "args", "envelope",
        "signature", "chain_id", "from", "nonce", "call", "sequence", "payment", "settings", "to", "amount", "reference",
        "deposit_blocked", "kind", "price", "creator_bps", "protocol_bps", "slope", "timestamp", "handle", "creator", "holder",
        "payment", "max_price", "agent", "lots", "max_minting_fee_bips", "reservation_id", "proof", "request_id", "fee_bips",
        "opening_time", "tags", "public", "free_lots", "pool_collateral", "vault_collateral", "underlying_balance", "tokens",
        "tag", "pause_at", "fast_forward_until", "paused", "schedule", "since", "id", "faults", "plant", "x",
    ]

    static let strings = [
        "", "0", "1", "-1", "1.5", "1e3", "abc", "native", "deployer", "asset_manager", "fund", "scheduler", "creator_keys",
        "flat", "linear", "quadratic", "PAY_REDEMPTIONS", "EXPIRE_RESERVATIONS", "ACCRUE_POOL_REWARDS", "ledgerqa-devnet-1",
        "ledgerqa-und-1", "n" + String(repeating: "0", count: 64), "u" + String(repeating: "f", count: 64),
        "c" + String(repeating: "a", count: 64), String(repeating: "ab", count: 32), String(repeating: "0", count: 128),
        "170141183460469231731687303715884105727", "170141183460469231731687303715884105728", "\u{0}", "é", "t0", "t1",
        String(repeating: "x", count: 300),
    ]

    /// A JSON value up to `depth` levels deep.
    mutating func json(depth: Int = 3) -> JSON {
        switch byte() % (depth > 0 ? 9 : 6) {
        case 0: .null
        case 1: .bool(byte() & 1 == 1)
        case 2: .int(int64())
        case 3: .double(Double(Int16(bitPattern: u16())) / 7)
        case 4: pick(Self.strings).map { .string($0) } ?? ""
        case 5: amountText()
        case 6: .array((0..<(byte() % 4)).map { _ in json(depth: depth - 1) })
        default: object(depth: depth - 1)
        }
    }

    /// An object whose keys are names the node knows.
    mutating func object(depth: Int = 2) -> JSON {
        var o: [String: JSON] = [:]
        for _ in 0..<(byte() % 5) { o[pick(Self.keys) ?? "x"] = json(depth: depth) }
        return .object(o)
    }
}
