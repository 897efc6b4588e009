import Networks

/// The fields SPEC names for a JSON value, recursively: what strict mode keeps of a result.
indirect enum Shape: Sendable {
    /// Any value, kept whole.
    case any
    /// An object with only these fields (each with its own shape); others are dropped.
    case fields([String: Shape])
    /// An array whose every element has this shape.
    case each(Shape)

    /// An object with these fields, each kept whole.
    static func keys(_ names: String...) -> Shape { .fields(Dictionary(uniqueKeysWithValues: names.map { ($0, .any) })) }

    /// `json` without the fields this shape does not name.
    func strip(_ json: JSON) -> JSON {
        switch (self, json) {
        case (.any, _): return json
        case (.fields(let fields), .object(let o)):
            var kept: [String: JSON] = [:]
            for (key, value) in o { if let shape = fields[key] { kept[key] = shape.strip(value) } }
            return .object(kept)
        case (.each(let shape), .array(let items)): return .array(items.map(shape.strip))
        default: return json
        }
    }
}
