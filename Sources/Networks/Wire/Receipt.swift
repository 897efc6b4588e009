/// A contract error as receipts and read errors report it: `{contract, code, name}`.
public struct ContractFailure: Sendable, Hashable, CustomStringConvertible {
    public var contract: String
    public var code: Int
    public var name: String

    public init(contract: String, code: Int, name: String) {
        self.contract = contract
        self.code = code
        self.name = name
    }

    public init?(json: JSON) {
        guard let contract = json["contract"]?.stringValue, let code = json["code"]?.intValue,
            let name = json["name"]?.stringValue
        else { return nil }
        self.init(contract: contract, code: Int(code), name: name)
    }

    public var json: JSON { ["contract": .string(contract), "code": .int(Int64(code)), "name": .string(name)] }
    public var description: String { "\(name) (\(contract) error \(code))" }
}

/// An event of the global, gap-free event log (SPEC 3).
public struct Event: Sendable, Hashable {
    public var seq: Int64
    public var type: String
    public var timestamp: Int64
    public var resource: String
    public var data: JSON

    public init(seq: Int64, type: String, timestamp: Int64, resource: String, data: JSON) {
        self.seq = seq
        self.type = type
        self.timestamp = timestamp
        self.resource = resource
        self.data = data
    }

    public init?(json: JSON) {
        guard let seq = json["seq"]?.intValue, let type = json["type"]?.stringValue,
            let timestamp = json["timestamp"]?.intValue, let resource = json["resource"]?.stringValue
        else { return nil }
        self.init(seq: seq, type: type, timestamp: timestamp, resource: resource, data: json["data"] ?? .null)
    }

    public var json: JSON {
        ["seq": .int(seq), "type": .string(type), "timestamp": .int(timestamp), "resource": .string(resource), "data": data]
    }
}

/// The receipt of an included transaction; `status` is `success` or `reverted` (SPEC 2, 3).
public struct Receipt: Sendable, Hashable {
    public enum Status: String, Sendable { case success, reverted }

    public var hash: String
    public var block: Int64
    public var timestamp: Int64
    public var status: Status
    public var gasUsed: Int64
    public var fee: Int128
    public var result: JSON?
    public var error: ContractFailure?
    public var events: [Event]

    public init(
        hash: String, block: Int64, timestamp: Int64, status: Status, gasUsed: Int64, fee: Int128,
        result: JSON?, error: ContractFailure?, events: [Event]
    ) {
        self.hash = hash
        self.block = block
        self.timestamp = timestamp
        self.status = status
        self.gasUsed = gasUsed
        self.fee = fee
        self.result = result
        self.error = error
        self.events = events
    }

    public init(json: JSON) throws(DecodingFailure) {
        let r = try Fields(json, "receipt")
        hash = try r.string("hash")
        block = try r.int("block")
        timestamp = try r.int("timestamp")
        let statusText = try r.string("status")
        guard let status = Status(rawValue: statusText) else { throw DecodingFailure("receipt.status: unknown \"\(statusText)\"") }
        self.status = status
        gasUsed = try r.int("gas_used")
        fee = try r.amount("fee")
        result = json["result"].flatMap { $0.isNull ? nil : $0 }
        error = json["error"].flatMap(ContractFailure.init(json:))
        events = try (json["events"]?.arrayValue ?? []).map { e throws(DecodingFailure) in
            guard let event = Event(json: e) else { throw DecodingFailure("receipt.events: malformed event \(e)") }
            return event
        }
    }

    public var json: JSON {
        var o: [String: JSON] = [
            "hash": .string(hash), "block": .int(block), "timestamp": .int(timestamp),
            "status": .string(status.rawValue), "gas_used": .int(gasUsed), "fee": Amount.wire(fee),
            "events": .array(events.map(\.json)),
        ]
        if let result { o["result"] = result }
        if let error { o["error"] = error.json }
        return .object(o)
    }
}
