import Networks
import Testing

/// SPEC 3 and 4 restated on the test side, computed independently of the devnet, so a
/// test's expectations never come from the code under test.
enum Spec {
    static let gasPrice: Int128 = 25_000_000_000
    static let deployGas: Int128 = 500_000
    static let adminGas: Int128 = 40_000
    static let registerGas: Int128 = 80_000
    static let buyGas: Int128 = 120_000
    static let sellGas: Int128 = 110_000

    static func fee(gas: Int128) -> Int128 { gas * gasPrice }

    /// `floor(p · bps / 10_000)` in full width, so it is exact for any Int128 price.
    static func protocolFee(_ p: Int128, bps: Int64) -> Int128 {
        let wide = p.multipliedFullWidth(by: Int128(bps))
        return Int128(10_000).dividingFullWidth(wide).quotient
    }

    /// The SPEC buy quote, or `nil` when `total_amount` would overflow Int128.
    static func buyQuote(price p: Int128, protocolBps: Int64) -> Quote? {
        let protocolFee = protocolFee(p, bps: protocolBps)
        let creatorFee = p - protocolFee
        let (doubled, o1) = p.addingReportingOverflow(creatorFee)
        let (total, o2) = doubled.addingReportingOverflow(protocolFee)
        guard !o1, !o2 else { return nil }
        return Quote(price: p, creatorFee: creatorFee, protocolFee: protocolFee, totalAmount: total)
    }

    static func sellQuote(price p: Int128, protocolBps: Int64) -> Quote {
        let protocolFee = protocolFee(p, bps: protocolBps)
        let creatorFee = p - protocolFee
        return Quote(price: p, creatorFee: creatorFee, protocolFee: protocolFee, totalAmount: p - creatorFee - protocolFee)
    }

    /// The error `set_fee_config` must give, or `nil` for a valid split (the sum is checked first).
    static func feeConfigError(creatorBps: Int64, protocolBps: Int64) -> CreatorKeysError? {
        if creatorBps < 0 || protocolBps < 0 || creatorBps + protocolBps != 10_000 { return .invalidFeeConfig }
        if protocolBps > 5_000 { return .protocolFeeExceedsCap }
        return nil
    }

    /// Price at supply `s` on each curve.
    static func price(_ curve: CurveKind, base: Int128, slope: Int128, supply s: Int128) -> Int128 {
        switch curve {
        case .flat: base
        case .linear: base + slope * s
        case .quadratic: base + slope * s * s
        }
    }
}

/// A fee split as a test argument, named readably in test reports.
struct FeeSplit: Sendable, Hashable, CustomTestStringConvertible {
    let creatorBps: Int64
    let protocolBps: Int64

    init(_ creatorBps: Int64, _ protocolBps: Int64) {
        self.creatorBps = creatorBps
        self.protocolBps = protocolBps
    }

    var expectedError: CreatorKeysError? { Spec.feeConfigError(creatorBps: creatorBps, protocolBps: protocolBps) }
    var testDescription: String { "\(creatorBps)/\(protocolBps)" }
}
