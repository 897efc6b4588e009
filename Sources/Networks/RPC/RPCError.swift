/// A JSON-RPC error object, as the node returns it (SPEC 2).
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSON?

    public init(code: Int, message: String, data: JSON? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var json: JSON {
        var o: [String: JSON] = ["code": .int(Int64(code)), "message": .string(message)]
        if let data { o["data"] = data }
        return .object(o)
    }

    public var description: String {
        "JSON-RPC error \(code): \(message)" + (data.map { " \($0)" } ?? "")
    }

    /// The contract failure carried by a read error (code 1000 + contract code).
    public var contractFailure: ContractFailure? { data.flatMap(ContractFailure.init(json:)) }
}

/// The error codes of SPEC 2 and the devnet's transaction-validation codes (docs/API.md).
public enum RPCErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603

    /// Read-only contract failures are `contractBase + contract error code`.
    public static let contractBase = 1000

    /// Refused transactions (nothing changed): 2000-2099.
    public static let badSignature = 2000
    public static let wrongNonce = 2001
    public static let unknownSender = 2002
    public static let insufficientFunds = 2003
    public static let wrongChainID = 2004
    public static let unknownCall = 2005
    public static let unknownTransaction = 2006
    /// An underlying payment that failed has no proof.
    public static let noPaymentProof = 2007
}
