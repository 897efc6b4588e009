import Networks

/// A contract rule that a call broke: the wire type `ContractFailure` itself. Writes revert
/// with it (the receipt carries it); reads answer 1000 + `code` with it as `data`.
typealias ContractError = ContractFailure

extension ContractFailure {
    init(_ error: CreatorKeysError) { self.init(contract: "creator_keys", code: error.rawValue, name: error.name) }

    var rpcError: RPCError {
        RPCError(code: RPCErrorCode.contractBase + code, message: "\(contract): \(name)", data: json)
    }
}

/// Errors of the `native` pseudo-contract.
enum NativeError {
    static let notPositiveAmount = ContractError(contract: "native", code: 1, name: "NotPositiveAmount")
    /// A credit would not fit 128 bits (only possible if an issuance bound were broken).
    static let overflow = ContractError(contract: "native", code: 2, name: "Overflow")
}
