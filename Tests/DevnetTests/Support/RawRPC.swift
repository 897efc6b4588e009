import Devnet
import Networks

/// Raw request bodies for framing tests, below the level of `RPCClient`.
extension DevnetNode {
    /// Answers `text` and parses the answer; `nil` when the node sends nothing back.
    func answer(_ text: String) throws -> JSON? { try answer(bytes: Array(text.utf8)) }

    func answer(bytes: [UInt8]) throws -> JSON? {
        guard let response = handle(bytes) else { return nil }
        return try JSON.parse(response)
    }
}

/// A single JSON-RPC request object.
func request(_ method: String, id: JSON? = 1, params: JSON? = nil) -> JSON {
    var o: [String: JSON] = ["jsonrpc": "2.0", "method": .string(method)]
    if let id { o["id"] = id }
    if let params { o["params"] = params }
    return .object(o)
}

extension JSON {
    /// The `error.code` of a response object.
    var errorCode: Int64? { self["error"]?["code"]?.intValue }
}
