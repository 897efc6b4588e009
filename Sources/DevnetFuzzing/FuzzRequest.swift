import Networks

/// JSON-RPC request bodies the fuzzer sends.
enum FuzzRequest {
    static func make(_ method: String, _ params: JSON, id: JSON = 1) -> [UInt8] {
        JSON.object(["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params]).canonicalBytes
    }
}
