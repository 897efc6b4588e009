import Networks

/// SPEC 4's price curves and fee split, with every Int128 overflow reported as `Overflow`.
enum Pricing {
    typealias E = CreatorKeysError

    /// Price at supply `s`: flat `P`, linear `P + slope·s`, quadratic `P + slope·s²`.
    static func price(base: Int128, curve: CurveKind, slope: Int128, supply s: Int128) throws(ContractError) -> Int128 {
        let step: Int128
        switch curve {
        case .flat: return base
        case .linear: step = try multiply(slope, s)
        case .quadratic: step = try multiply(slope, try multiply(s, s))
        }
        return try add(base, step)
    }

    /// `protocol_fee = floor(p · protocol_bps / 10_000)`, `creator_fee = p − protocol_fee`.
    static func fees(price p: Int128, config: FeeConfig) throws(ContractError) -> (creatorFee: Int128, protocolFee: Int128) {
        // p = q·10_000 + r, so floor(p·bps/10_000) = q·bps + floor(r·bps/10_000), which fits
        // for a valid config (bps ≤ 5_000); checked all the same, as a planted bug may skip that rule.
        let bps = Int128(config.protocolBps)
        let protocolFee = try add(try multiply(p / 10_000, bps), try multiply(p % 10_000, bps) / 10_000)
        return (try subtract(p, protocolFee), protocolFee)
    }

    static func buyQuote(price p: Int128, config: FeeConfig) throws(ContractError) -> Quote {
        let (creatorFee, protocolFee) = try fees(price: p, config: config)
        let total = try add(try add(p, creatorFee), protocolFee)
        return Quote(price: p, creatorFee: creatorFee, protocolFee: protocolFee, totalAmount: total)
    }

    static func sellQuote(price p: Int128, config: FeeConfig, plants: PlantState) throws(ContractError) -> Quote {
        let (creatorFee, protocolFee) = try fees(price: p, config: config)
        let total = try subtract(try subtract(p, creatorFee), protocolFee)
        guard total >= 0 || plants.skips(.keysSellUnderflow) else { throw ContractError(E.sellUnderflow) }
        return Quote(price: p, creatorFee: creatorFee, protocolFee: protocolFee, totalAmount: total)
    }

    static func add(_ a: Int128, _ b: Int128) throws(ContractError) -> Int128 {
        let (v, o) = a.addingReportingOverflow(b)
        guard !o else { throw ContractError(E.overflow) }
        return v
    }

    static func subtract(_ a: Int128, _ b: Int128) throws(ContractError) -> Int128 {
        let (v, o) = a.subtractingReportingOverflow(b)
        guard !o else { throw ContractError(E.overflow) }
        return v
    }

    static func multiply(_ a: Int128, _ b: Int128) throws(ContractError) -> Int128 {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        guard !o else { throw ContractError(E.overflow) }
        return v
    }
}
