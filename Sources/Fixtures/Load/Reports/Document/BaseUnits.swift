/// An amount in an asset's base units (wei, drop, uba), written in JSON as a decimal string
/// (`"1000000"`), never as a number: amounts exceed what JSON numbers carry exactly.
public struct BaseUnits: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: Int128

    public init(_ value: Int128) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Int128(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an amount in base units (a decimal string)")
        }
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value))
    }

    public var description: String { String(value) }
}
