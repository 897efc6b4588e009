public import Networks

/// A transport that forwards to another and writes the calls worth reviewing into a
/// `Transcript`: transactions, contract reads and balance reads. Funding, nonces and
/// node info are plumbing and stay out.
public struct RecordingTransport: Transport {
    public let base: any Transport
    public let transcript: Transcript

    public init(base: any Transport, transcript: Transcript) {
        self.base = base
        self.transcript = transcript
    }

    public func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        let response = try await base.roundTrip(body)
        if let request = try? JSON.parse(body), let answer = try? JSON.parse(response),
            let entry = Self.entry(request: request, response: answer)
        {
            transcript.append(entry)
        }
        return response
    }

    static func entry(request: JSON, response: JSON) -> JSON? {
        guard case .string(let method)? = request["method"] else { return nil }
        let params = request["params"] ?? .null
        let outcome: (String, JSON) =
            if let error = response["error"] { ("error", errorEntry(error)) } else { ("result", response["result"] ?? .null) }
        switch method {
        case "nat_sendTransaction":
            let envelope = params["envelope"] ?? .null
            var entry: [String: JSON] = ["tx": ["from": envelope["from"] ?? .null, "call": envelope["call"] ?? .null]]
            if outcome.0 == "error" { entry["refused"] = outcome.1 } else { entry["receipt"] = receipt(outcome.1) }
            return .object(entry)
        case "nat_call":
            return .object(["read": params, outcome.0: outcome.1])
        case "nat_getBalance":
            return .object(["balance_of": params["address"] ?? .null, outcome.0: outcome.1])
        default:
            return nil
        }
    }

    static func errorEntry(_ error: JSON) -> JSON {
        var o: [String: JSON] = ["code": error["code"] ?? .null, "message": error["message"] ?? .null]
        if let data = error["data"] { o["data"] = data }
        return .object(o)
    }

    /// A receipt without its run-specific fields, and without the call's `result`: SPEC
    /// describes few write results (a deployment may answer more, or `{}`), while the
    /// receipt's events and the reads that follow show what the call did on any deployment.
    static func receipt(_ r: JSON) -> JSON {
        var o: [String: JSON] = ["status": r["status"] ?? .null, "gas_used": r["gas_used"] ?? .null, "fee": r["fee"] ?? .null]
        if let error = r["error"] { o["error"] = error }
        let events = (r["events"]?.arrayValue ?? []).map { e -> JSON in
            ["type": e["type"] ?? .null, "resource": e["resource"] ?? .null, "timestamp": e["timestamp"] ?? .null, "data": e["data"] ?? .null]
        }
        o["events"] = .array(events)
        return .object(o)
    }
}
