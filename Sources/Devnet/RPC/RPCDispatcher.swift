import Networks

/// JSON-RPC 2.0 framing (SPEC 2): parse, batches, notifications, the standard errors,
/// and routing to the method table.
struct RPCDispatcher {
    let node: DevnetNode

    /// Methods whose success means a transaction was included.
    static let writes: Set<String> = ["nat_sendTransaction", "und_sendPayment", "und_setDepositBlocked"]

    /// The answer to a body (`nil` when nothing is to be sent back) and whether it included a transaction.
    func handle(_ body: [UInt8]) -> (answer: [UInt8]?, included: Bool) {
        guard body.count <= DevnetNode.maxBodyBytes else { return (Self.oversized(body.count), false) }
        let request: JSON
        do {
            request = try JSON.parse(body)
        } catch {
            return (Self.error(nil, RPCError(code: RPCErrorCode.parseError, message: "parse error: \(error)")).canonicalBytes, false)
        }
        if case .array(let items) = request {
            guard !items.isEmpty else {
                return (Self.error(nil, RPCError(code: RPCErrorCode.invalidRequest, message: "invalid request: empty batch")).canonicalBytes, false)
            }
            guard items.count <= DevnetNode.maxBatchSize else {
                return (Self.error(nil, RPCError(code: RPCErrorCode.invalidRequest,
                    message: "invalid request: batch of \(items.count) exceeds the limit of \(DevnetNode.maxBatchSize)")).canonicalBytes, false)
            }
            var included = false
            var answers: [JSON] = []
            for item in items {
                var includedOne = false
                if let a = answer(item, included: &includedOne) { answers.append(a) }
                included = included || includedOne
            }
            return (answers.isEmpty ? nil : JSON.array(answers).compactBytes, included)
        }
        var included = false
        let answer = answer(request, included: &included)
        return (answer?.compactBytes, included)
    }

    /// The response to one request object, or `nil` for a notification; sets `included`
    /// when it included a transaction.
    func answer(_ request: JSON, included: inout Bool) -> JSON? {
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
            guard let method = RPCMethods.table[name], !node.options.strictSpec || StrictProfile.methods.contains(name) else {
                throw RPCError(code: RPCErrorCode.methodNotFound, message: "method not found: \(name)")
            }
            let params = try Params(o["params"], specs: method.params, path: "params")
            let answer = try method.run(node, params)
            result = node.options.strictSpec ? StrictProfile.methodResult(name, answer) : answer
            if Self.writes.contains(name) { included = true }
        } catch {
            guard id != nil else { return nil }  // a notification is never answered
            return Self.error(id, node.options.strictSpec ? StrictProfile.error(error) : error)
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
