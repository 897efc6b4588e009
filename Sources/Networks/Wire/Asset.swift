/// The three assets of SPEC 1, with what a person needs to read an amount of each.
///
/// ```swift
/// Asset.nat.format(12_347_469_000_000_000_000_000)    // "12,347.469 NAT"
/// Asset.nat.describe(12_347_469_000_000_000_000_000)  // "12,347.469 NAT (12347469000000000000000 wei)"
/// ```
public enum Asset: String, Sendable, Hashable, CaseIterable, Codable {
    /// The devnet chain's native token: 18 decimals, base unit wei; pays gas.
    case nat = "NAT"
    /// The underlying chain's token: 6 decimals, base unit drop.
    case und = "UND"
    /// The bridged asset: 6 decimals, base unit uba.
    case fund = "FUND"

    /// The symbol a person reads: `NAT`, `UND`, `FUND`.
    public var symbol: String { rawValue }

    /// Decimal places between a whole unit and the base unit.
    public var decimals: Int {
        switch self {
        case .nat: 18
        case .und, .fund: 6
        }
    }

    /// The base unit's name: `wei`, `drop`, `uba`.
    public var baseUnit: String {
        switch self {
        case .nat: "wei"
        case .und: "drop"
        case .fund: "uba"
        }
    }

    /// One whole unit in base units.
    public var one: Int128 {
        switch self {
        case .nat: Units.nat
        case .und, .fund: Units.und
        }
    }

    /// `amount` base units in whole units with thousands separators, every significant
    /// decimal kept and trailing zeros dropped, and the symbol: `1,234.5 NAT`, `-0.000012 UND`.
    public func format(_ amount: Int128) -> String {
        let magnitude = amount.magnitude
        let scale = UInt128(one)
        let whole = String(magnitude / scale)
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var grouped = ""
        for (i, digit) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let sign = amount < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(grouped) \(symbol)" : "\(sign)\(grouped).\(fraction) \(symbol)"
    }

    /// Whole units beside base units, for messages that must also be exact:
    /// `12,347.469 NAT (12347469000000000000000 wei)`.
    public func describe(_ amount: Int128) -> String {
        "\(format(amount)) (\(amount) \(baseUnit))"
    }
}
