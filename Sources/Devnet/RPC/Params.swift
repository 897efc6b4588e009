public import Networks

/// The wire type a named param must have; used to check params and to describe them in OpenRPC.
public enum ParamType: Sendable, Equatable {
    case amount
    case address(AddressKind)
    case string
    case integer
    case boolean
    case object
    /// A string from a fixed set.
    case oneOf([String])

    var schema: JSON {
        switch self {
        case .amount: ["type": "string", "pattern": "^(0|[1-9][0-9]*)$", "description": "decimal amount in base units"]
        case .address(let kind): ["type": "string", "pattern": .string("^\(kind.rawValue)[0-9a-f]{64}$")]
        case .string: ["type": "string"]
        case .integer: ["type": "integer"]
        case .boolean: ["type": "boolean"]
        case .object: ["type": "object"]
        case .oneOf(let values): ["type": "string", "enum": .array(values.map { .string($0) })]
        }
    }
}

/// One named param of a method.
public struct ParamSpec: Sendable {
    public let name: String
    public let type: ParamType
    public let required: Bool

    public init(_ name: String, _ type: ParamType, required: Bool = true) {
        self.name = name
        self.type = type
        self.required = required
    }
}

/// Params that were checked against their specs: every value has its declared type.
///
/// The accessors still throw rather than trap, so a handler that asks for an
/// undeclared param gets an error instead of a crash.
public struct Params: Sendable {
    public let values: [String: JSON]
    let path: String

    /// Checks `json` against `specs`: an object, no unknown names, required names present, types right.
    init(_ json: JSON?, specs: [ParamSpec], path: String) throws(RPCError) {
        let json = json ?? .object([:])
        guard case .object(let values) = json else {
            throw invalidParams("\(path) must be an object of named params, got \(json.typeName)")
        }
        let known = Set(specs.map(\.name))
        if let unknown = values.keys.filter({ !known.contains($0) }).min() {
            throw invalidParams("\(path).\(unknown): unknown param; expected \(specs.map(\.name).joined(separator: ", "))")
        }
        for spec in specs {
            guard let value = values[spec.name], !value.isNull else {
                if spec.required { throw invalidParams("\(path).\(spec.name): missing required param") }
                continue
            }
            try Self.check(value, spec, path: "\(path).\(spec.name)")
        }
        self.values = values
        self.path = path
    }

    static func check(_ value: JSON, _ spec: ParamSpec, path: String) throws(RPCError) {
        switch spec.type {
        case .amount:
            guard case .string(let s) = value else {
                throw invalidParams("\(path): expected a decimal amount string, got \(value.typeName)")
            }
            do { _ = try Amount.parse(s) } catch { throw invalidParams("\(path): \(error)") }
        case .address(let kind):
            guard case .string(let s) = value, kind.matches(s) else {
                throw invalidParams("\(path): expected an address '\(kind.rawValue)' + 64 lowercase hex, got \(value)")
            }
        case .string:
            guard case .string = value else { throw invalidParams("\(path): expected a string, got \(value.typeName)") }
        case .integer:
            guard case .int = value else { throw invalidParams("\(path): expected an integer, got \(value.typeName) \(value)") }
        case .boolean:
            guard case .bool = value else { throw invalidParams("\(path): expected a boolean, got \(value.typeName)") }
        case .object:
            guard case .object = value else { throw invalidParams("\(path): expected an object, got \(value.typeName)") }
        case .oneOf(let allowed):
            guard case .string(let s) = value, allowed.contains(s) else {
                throw invalidParams("\(path): expected one of \(allowed.joined(separator: ", ")), got \(value)")
            }
        }
    }

    func has(_ name: String) -> Bool { values[name].map { !$0.isNull } ?? false }

    public func amount(_ name: String) throws(RPCError) -> Int128 {
        guard case .string(let s)? = values[name], let v = try? Amount.parse(s) else { throw missing(name) }
        return v
    }

    public func optionalAmount(_ name: String) throws(RPCError) -> Int128? { has(name) ? try amount(name) : nil }

    public func string(_ name: String) throws(RPCError) -> String {
        guard case .string(let s)? = values[name] else { throw missing(name) }
        return s
    }

    public func optionalString(_ name: String) throws(RPCError) -> String? { has(name) ? try string(name) : nil }

    public func int(_ name: String) throws(RPCError) -> Int64 {
        guard case .int(let i)? = values[name] else { throw missing(name) }
        return i
    }

    public func optionalInt(_ name: String) throws(RPCError) -> Int64? { has(name) ? try int(name) : nil }

    public func bool(_ name: String) throws(RPCError) -> Bool {
        guard case .bool(let b)? = values[name] else { throw missing(name) }
        return b
    }

    public func object(_ name: String) throws(RPCError) -> JSON? { has(name) ? values[name] : nil }

    func missing(_ name: String) -> RPCError { invalidParams("\(path).\(name): missing or of the wrong type") }
}

func invalidParams(_ message: String) -> RPCError { RPCError(code: RPCErrorCode.invalidParams, message: "invalid params: \(message)") }
