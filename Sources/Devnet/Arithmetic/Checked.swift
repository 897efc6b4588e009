/// Checked arithmetic for every amount, lot count and counter that a request can reach.
///
/// Each operation either returns the exact result or throws the caller's error (a contract's
/// `Overflow`, or invalid params), so an overflow refuses the request instead of trapping.
/// Callers compute every new value with these before they change anything, so a refusal
/// leaves the ledger as it was.
extension FixedWidthInteger {
    /// `self + other`, or `error` when it does not fit.
    func adding<E: Error>(_ other: Self, or error: @autoclosure () -> E) throws(E) -> Self {
        let (value, overflow) = addingReportingOverflow(other)
        guard !overflow else { throw error() }
        return value
    }

    /// `self − other`, or `error` when it does not fit.
    func subtracting<E: Error>(_ other: Self, or error: @autoclosure () -> E) throws(E) -> Self {
        let (value, overflow) = subtractingReportingOverflow(other)
        guard !overflow else { throw error() }
        return value
    }

    /// `self × other`, or `error` when it does not fit.
    func multiplied<E: Error>(by other: Self, or error: @autoclosure () -> E) throws(E) -> Self {
        let (value, overflow) = multipliedReportingOverflow(by: other)
        guard !overflow else { throw error() }
        return value
    }
}

/// `floor(a · b / c)` for non-negative `a`, `b` and positive `c`, computed in 256 bits, or
/// `error` when the quotient does not fit 128 bits (or an operand is out of range).
func mulDiv<E: Error>(_ a: Int128, _ b: Int128, _ c: Int128, or error: @autoclosure () -> E) throws(E) -> Int128 {
    guard let value = mulDiv(a, b, c) else { throw error() }
    return value
}
