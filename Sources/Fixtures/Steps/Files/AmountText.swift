import Networks

/// Amounts as step files write them: base units as a decimal string (`"2500000"`, SPEC 1), or
/// whole units with the asset's symbol (`"2.5 UND"`, `"1,000 NAT"`), which people read more easily.
public enum AmountText {
    /// Decimals of each symbol (SPEC 1).
    static let decimals: [String: Int] = ["NAT": 18, "UND": 6, "FUND": 6]

    /// The amount in base units of `symbol` (`NAT`, `UND` or `FUND`); the error says what was expected.
    public static func parse(_ text: String, symbol: String) throws(AmountTextError) -> Int128 {
        switch parseResult(text, symbol: symbol) {
        case .success(let amount): amount
        case .failure(let error): throw error
        }
    }

    static func parseResult(_ text: String, symbol: String) -> Result<Int128, AmountTextError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 1 {
            do { return .success(try Amount.parse(text)) } catch { return .failure(AmountTextError(text: text, symbol: symbol)) }
        }
        guard parts.count == 2, String(parts[1]) == symbol, let places = decimals[symbol] else {
            return .failure(AmountTextError(text: text, symbol: symbol))
        }
        let number = parts[0].filter { $0 != "," }
        let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }), !pieces[0].isEmpty,
            pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].count <= places)
        else { return .failure(AmountTextError(text: text, symbol: symbol)) }
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        let digits = String(pieces[0]) + fraction + String(repeating: "0", count: places - fraction.count)
        let trimmed = digits.drop(while: { $0 == "0" })
        guard let value = Int128(trimmed.isEmpty ? "0" : String(trimmed)) else { return .failure(AmountTextError(text: text, symbol: symbol)) }
        return .success(value)
    }
}

/// An amount text that is neither base units nor whole units of the expected asset.
public struct AmountTextError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let symbol: String

    public var description: String { expected }

    var expected: String {
        "expected an amount of \(symbol): base units as a decimal string (\"1000000\") or whole units with the symbol "
            + "(\"2.5 \(symbol)\"), not \"\(text)\""
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension Units {
    /// `1,234.5 NAT`: whole units with the symbol, as people read amounts.
    static func natText(_ wei: Int128) -> String { wholeUnits(wei, decimals: 18) + " NAT" }
    static func undText(_ drops: Int128) -> String { wholeUnits(drops, decimals: 6) + " UND" }

    static func wholeUnits(_ amount: Int128, decimals: Int) -> String {
        var unit: Int128 = 1
        for _ in 0..<decimals { unit *= 10 }
        let whole = String(amount / unit).reversed().enumerated().map { $0 > 0 && $0 % 3 == 0 ? ",\($1)" : "\($1)" }
        var text = String(whole.joined().reversed())
        let fraction = amount % unit
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }
}
