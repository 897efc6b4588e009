import Networks

/// A contract rule that a call broke. Writes revert with it; reads answer 1000 + `code`.
public struct ContractError: Error, Sendable, Equatable {
    public let contract: String
    public let code: Int
    public let name: String

    public init(contract: String, code: Int, name: String) {
        self.contract = contract
        self.code = code
        self.name = name
    }

    var failure: ContractFailure { ContractFailure(contract: contract, code: code, name: name) }

    var rpcError: RPCError {
        RPCError(code: RPCErrorCode.contractBase + code, message: "\(contract): \(name)", data: failure.json)
    }
}

extension ContractError {
    init(_ error: CreatorKeysError) { self.init(contract: "creator_keys", code: error.rawValue, name: error.name) }
}

/// Errors of the `native` pseudo-contract.
enum NativeError {
    static let notPositiveAmount = ContractError(contract: "native", code: 1, name: "NotPositiveAmount")
}
