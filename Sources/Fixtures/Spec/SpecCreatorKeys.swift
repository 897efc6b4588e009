public import Networks

/// SPEC 4's pricing of creator keys, computed on the test side.
public enum SpecCreatorKeys {
    /// Price at supply `s`: flat `P`, linear `P + slope·s`, quadratic `P + slope·s²`; nil on overflow.
    public static func price(_ curve: CurveKind, base: Int128, slope: Int128, supply s: Int128) -> Int128? {
        let step: Int128?
        switch curve {
        case .flat: return base
        case .linear: step = multiply(slope, s)
        case .quadratic: step = multiply(s, s).flatMap { multiply(slope, $0) }
        }
        guard let step else { return nil }
        let (sum, overflow) = base.addingReportingOverflow(step)
        return overflow ? nil : sum
    }

    /// `floor(p·protocol_bps / 10_000)`, exact for any Int128 price.
    public static func protocolFee(_ p: Int128, bps: Int64) -> Int128 { Amount.mulDiv(p, Int128(bps), 10_000) ?? 0 }

    /// The buy quote at price `p`: `total = price + creator_fee + protocol_fee`; nil on overflow.
    public static func buyQuote(price p: Int128, protocolBps: Int64) -> Quote? {
        let protocolFee = protocolFee(p, bps: protocolBps)
        let creatorFee = p - protocolFee
        let (doubled, o1) = p.addingReportingOverflow(creatorFee)
        let (total, o2) = doubled.addingReportingOverflow(protocolFee)
        guard !o1, !o2 else { return nil }
        return Quote(price: p, creatorFee: creatorFee, protocolFee: protocolFee, totalAmount: total)
    }

    /// The sell quote at price `p`: `total = price − creator_fee − protocol_fee`.
    public static func sellQuote(price p: Int128, protocolBps: Int64) -> Quote {
        let protocolFee = protocolFee(p, bps: protocolBps)
        let creatorFee = p - protocolFee
        return Quote(price: p, creatorFee: creatorFee, protocolFee: protocolFee, totalAmount: p - creatorFee - protocolFee)
    }

    /// The error `set_fee_config` must give, or nil for a valid split (the sum is checked first).
    public static func feeConfigError(creatorBps: Int64, protocolBps: Int64) -> CreatorKeysError? {
        if creatorBps < 0 || protocolBps < 0 || creatorBps + protocolBps != 10_000 { return .invalidFeeConfig }
        if protocolBps > 5_000 { return .protocolFeeExceedsCap }
        return nil
    }

    /// The error `register_creator(handle)` must give, or nil for a valid handle.
    public static func handleError(_ handle: String) -> CreatorKeysError? {
        if handle.count < 3 { return .handleTooShort }
        if handle.count > 32 { return .handleTooLong }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        return handle.allSatisfy(allowed.contains) ? nil : .invalidHandleCharacter
    }

    static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : p
    }
}
