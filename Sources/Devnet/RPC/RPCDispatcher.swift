import Networks

/// JSON-RPC 2.0 framing (SPEC 2): parse, batches, notifications, the standard errors,
/// and routing to the method table.
struct RPCDispatcher {
    let node: DevnetNode

    func handle(_ body: [UInt8]) -> [UInt8]? {
        guard body.count <= DevnetNode.maxBodyBytes else { return Self.oversized(body.count) }
        let request: JSON
        do {
            request = try JSON.parse(body)
        } catch {
            return Self.error(nil, RPCError(code: RPCErrorCode.parseError, message: "parse error: \(error)")).canonicalBytes
        }
        if case .array(let items) = request {
            guard !items.isEmpty else {
                return Self.error(nil, RPCError(code: RPCErrorCode.invalidRequest, message: "invalid request: empty batch")).canonicalBytes
            }
            guard items.count <= DevnetNode.maxBatchSize else {
                return Self.error(nil, RPCError(code: RPCErrorCode.invalidRequest,
                    message: "invalid request: batch of \(items.count) exceeds the limit of \(DevnetNode.maxBatchSize)")).canonicalBytes
            }
            let answers = items.compactMap(answer)
            return answers.isEmpty ? nil : JSON.array(answers).canonicalBytes
        }
        return answer(request)?.canonicalBytes
    }

    /// The response to one request object, or `nil` for a notification.
    func answer(_ request: JSON) -> JSON? {
        guard case .object(let o) = request else {
            return Self.error(nil, RPCError(code: RPCErrorCode.invalidRequest, message: "invalid request: expected an object, got \(request.typeName)"))
        }
        let id = o["id"]
        if let id, !Self.isValidID(id) {
            return Self.error(nil, RPCError(code: RPCErrorCode.invalidRequest, message: "invalid request: id must be a string, integer or null"))
        }
        guard o["jsonrpc"] == "2.0" else {
            return Self.error(id, RPCError(code: RPCErrorCode.invalidRequest, message: "invalid request: \"jsonrpc\" must be \"2.0\""))
        }
        guard case .string(let name)? = o["method"] else {
            return Self.error(id, RPCError(code: RPCErrorCode.invalidRequest, message: "invalid request: \"method\" must be a string"))
        }
        if let params = o["params"], case .array = params {
            guard id != nil else { return nil }  // a notification is never answered
            return Self.error(id, invalidParams("params must be passed by name (an object), not by position"))
        }
        let result: JSON
        do throws(RPCError) {
            guard let method = RPCMethods.table[name] else {
                throw RPCError(code: RPCErrorCode.methodNotFound, message: "method not found: \(name)")
            }
            let params = try Params(o["params"], specs: method.params, path: "params")
            result = try method.run(node, params)
        } catch {
            guard id != nil else { return nil }  // a notification is never answered
            return Self.error(id, error)
        }
        guard let id else { return nil }
        return ["jsonrpc": "2.0", "id": id, "result": result]
    }

    /// The answer to a body over the 1 MiB limit.
    static func oversized(_ bytes: Int) -> [UInt8] {
        error(nil, RPCError(code: RPCErrorCode.invalidRequest,
            message: "invalid request: body of \(bytes) bytes exceeds the limit of \(DevnetNode.maxBodyBytes)")).canonicalBytes
    }

    static func isValidID(_ id: JSON) -> Bool {
        switch id {
        case .string, .int, .null: true
        default: false
        }
    }

    static func error(_ id: JSON?, _ error: RPCError) -> JSON {
        ["jsonrpc": "2.0", "id": id ?? .null, "error": error.json]
    }
}
