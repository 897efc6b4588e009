/// Why an amount string was refused. Amounts travel as decimal strings (SPEC 1).
public enum AmountError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case negative(String)
    case fractional(String)
    case notNumeric(String)
    case overflow(String)

    public var description: String {
        switch self {
        case .empty: "amount is empty; expected a decimal string such as \"1000\""
        case .negative(let s): "amount \"\(s)\" is negative; amounts are non-negative"
        case .fractional(let s): "amount \"\(s)\" is fractional; amounts are whole base units"
        case .notNumeric(let s): "amount \"\(s)\" is not a decimal integer string"
        case .overflow(let s): "amount \"\(s)\" does not fit in a 128-bit signed integer"
        }
    }
}

/// Amounts in base units (wei, drop, uba), as SPEC 1 puts them on the wire.
public enum Amount {
    /// Parses a wire amount: `0` or digits without a leading zero, within `Int128`.
    public static func parse(_ text: String) throws(AmountError) -> Int128 {
        if let value = plainDigits(text) { return value }
        guard !text.isEmpty else { throw .empty }
        if text.hasPrefix("-") { throw .negative(text) }
        let utf8 = text.utf8
        if utf8.contains(UInt8(ascii: ".")) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
                throw .fractional(text)
            }
            throw .notNumeric(text)
        }
        guard utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { throw .notNumeric(text) }
        guard text == "0" || !text.hasPrefix("0") else { throw .notNumeric(text) }
        guard let value = Int128(text) else { throw .overflow(text) }
        return value
    }

    /// The usual case in one pass: `0`, or digits without a leading zero that fit. Anything
    /// else is nil, and `parse` names what is wrong with it.
    private static func plainDigits(_ text: String) -> Int128? {
        var value: Int128 = 0
        var count = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if count == 1, value == 0 { return nil }  // a leading zero
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int128(byte &- UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = next
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// The wire form of an amount.
    public static func wire(_ value: Int128) -> JSON { .string(String(value)) }

    /// `a · b / c` floored, computed in 256 bits; nil unless a, b ≥ 0 and c > 0 and the
    /// quotient fits. Pool shares multiply two 128-bit amounts, so this is how they divide.
    public static func mulDiv(_ a: Int128, _ b: Int128, _ c: Int128) -> Int128? {
        guard c > 0, a >= 0, b >= 0 else { return nil }
        let divisor = UInt128(c)
        let product = UInt128(a).multipliedFullWidth(by: UInt128(b))
        guard product.high < divisor else { return nil }  // the quotient would not fit 128 bits
        return Int128(exactly: divisor.dividingFullWidth(product).quotient)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Well-known unit sizes.
public enum Units {
    /// 1 NAT in wei.
    public static let nat: Int128 = 1_000_000_000_000_000_000
    /// 1 UND in drops (and 1 FUND in uba).
    public static let und: Int128 = 1_000_000
}
