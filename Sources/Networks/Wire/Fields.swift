/// A response that did not have the shape the client expected.
public struct DecodingFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Typed access to the members of a JSON object, with errors that name the field.
public struct Fields: Sendable {
    public let object: [String: JSON]
    public let path: String

    public init(_ json: JSON, _ path: String) throws(DecodingFailure) {
        guard case .object(let o) = json else { throw DecodingFailure("\(path): expected an object, got \(json.typeName)") }
        self.object = o
        self.path = path
    }

    public func value(_ key: String) throws(DecodingFailure) -> JSON {
        guard let v = object[key] else { throw DecodingFailure("\(path).\(key): missing") }
        return v
    }

    public func string(_ key: String) throws(DecodingFailure) -> String {
        let v = try value(key)
        guard case .string(let s) = v else { throw DecodingFailure("\(path).\(key): expected a string, got \(v.typeName)") }
        return s
    }

    public func int(_ key: String) throws(DecodingFailure) -> Int64 {
        let v = try value(key)
        guard case .int(let i) = v else { throw DecodingFailure("\(path).\(key): expected an integer, got \(v.typeName)") }
        return i
    }

    public func bool(_ key: String) throws(DecodingFailure) -> Bool {
        let v = try value(key)
        guard case .bool(let b) = v else { throw DecodingFailure("\(path).\(key): expected a boolean, got \(v.typeName)") }
        return b
    }

    public func amount(_ key: String) throws(DecodingFailure) -> Int128 {
        let s = try string(key)
        do { return try Amount.parse(s) } catch { throw DecodingFailure("\(path).\(key): \(error)") }
    }

    public func object(_ key: String) throws(DecodingFailure) -> Fields {
        try Fields(try value(key), "\(path).\(key)")
    }

    public func array(_ key: String) throws(DecodingFailure) -> [JSON] {
        let v = try value(key)
        guard case .array(let a) = v else { throw DecodingFailure("\(path).\(key): expected an array, got \(v.typeName)") }
        return a
    }
}

extension Fields {
    /// An integer that may be missing or null.
    public func optionalInt(_ key: String) throws(DecodingFailure) -> Int64? {
        guard let v = object[key], !v.isNull else { return nil }
        return try int(key)
    }

    /// An amount string that may be missing or null.
    public func optionalAmount(_ key: String) throws(DecodingFailure) -> Int128? {
        guard let v = object[key], !v.isNull else { return nil }
        return try amount(key)
    }

    /// A boolean that may be missing or null.
    public func optionalBool(_ key: String) throws(DecodingFailure) -> Bool? {
        guard let v = object[key], !v.isNull else { return nil }
        return try bool(key)
    }

    /// A string that may be missing or null.
    public func optionalString(_ key: String) throws(DecodingFailure) -> String? {
        guard let v = object[key], !v.isNull else { return nil }
        return try string(key)
    }
}
