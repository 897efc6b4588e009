public import Networks

extension Asset {
    /// Reads an amount as step files write it: base units as a decimal string (`"2500000"`,
    /// SPEC 1), or whole units with this asset's symbol (`"2.5 UND"`, `"1,000 NAT"`), which
    /// people read more easily. The inverse of `format` for whole units.
    ///
    /// ```swift
    /// try Asset.nat.parse("0.25 NAT")  // 250_000_000_000_000_000
    /// ```
    public func parse(_ text: String) throws(AmountTextError) -> Int128 {
        switch parseResult(text) {
        case .success(let amount): amount
        case .failure(let error): throw error
        }
    }

    func parseResult(_ text: String) -> Result<Int128, AmountTextError> {
        let failure = AmountTextError(text: text, symbol: symbol)
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 1 {
            guard let amount = try? Amount.parse(text) else { return .failure(failure) }
            return .success(amount)
        }
        guard parts.count == 2, parts[1] == symbol else { return .failure(failure) }
        let pieces = parts[0].filter { $0 != "," }.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), !pieces[0].isEmpty, pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].count <= decimals)
        else { return .failure(failure) }
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        let digits = (String(pieces[0]) + fraction + String(repeating: "0", count: decimals - fraction.count)).drop { $0 == "0" }
        guard let value = Int128(digits.isEmpty ? "0" : String(digits)) else { return .failure(failure) }
        return .success(value)
    }
}

/// An amount text that is neither base units nor whole units of the expected asset.
public struct AmountTextError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let symbol: String

    public var description: String {
        "expected an amount of \(symbol): base units as a decimal string (\"1000000\") or whole units with the symbol "
            + "(\"2.5 \(symbol)\"), not \"\(text)\""
    }
}
