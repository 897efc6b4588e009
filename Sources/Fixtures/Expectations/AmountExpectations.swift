public import Networks
public import Testing

/// Records an issue unless `actual` equals `expected`, both amounts of `asset`, with a message
/// in whole units beside base units:
/// `alice's NAT: expected 12,347.469 NAT (12347469000000000000000 wei), actual 12,347.468 NAT (…)`.
///
/// ```swift
/// expectAmount(try await alice.balance(), equals: before - fee, .nat, "alice's NAT")
/// ```
@discardableResult
public func expectAmount(
    _ actual: Int128, equals expected: Int128, _ asset: Asset, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    guard actual != expected else { return true }
    let difference = actual - expected
    Issue.record(
        "\(what): expected \(asset.describe(expected)), actual \(asset.describe(actual)) (off by \(asset.format(difference)))",
        sourceLocation: sourceLocation)
    return false
}

/// Records an issue unless `receipt` charged SPEC 3's gas for `method` of a `kind` contract
/// and `fee = gas_used × gasPrice`: the node's own figures are never the expectation.
///
/// ```swift
/// let receipt = try await keys.buyKey(creator: alice.address, payment: quote.totalAmount, by: buyer)
/// expectSpecFee(receipt, .creatorKeys, "buy_key")
/// ```
@discardableResult
public func expectSpecFee(
    _ receipt: Receipt, _ kind: SpecGas.ContractKind, _ method: String, gasPrice: Int128 = SpecGas.gasPrice,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    guard let gas = SpecGas.gas(kind, method) else {
        Issue.record("SPEC 3 names no gas for \(kind.rawValue).\(method); compare its receipt with a figure of your own",
            sourceLocation: sourceLocation)
        return false
    }
    var ok = true
    if receipt.gasUsed != gas {
        Issue.record("\(kind.rawValue).\(method) used \(receipt.gasUsed) gas; SPEC 3 fixes \(gas)", sourceLocation: sourceLocation)
        ok = false
    }
    ok = expectAmount(receipt.fee, equals: Int128(gas) * gasPrice, .nat, "the fee of \(kind.rawValue).\(method)",
        sourceLocation: sourceLocation) && ok
    return ok
}
