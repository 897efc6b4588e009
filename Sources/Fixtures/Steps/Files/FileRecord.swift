import Networks

/// One JSON object of a workers or data file, read field by field; every error names the file,
/// the record and the field.
struct FileRecord {
    let file: String
    /// How messages name the record: `worker "buyer"`, `record 2 ("alice")`.
    let record: String?
    let object: [String: JSON]

    init(file: String, record: String?, json: JSON) throws(StepsFileError) {
        guard case .object(let object) = json else {
            throw StepsFileError(file: file, record: record, problem: "expected an object, got \(json.typeName)")
        }
        self.file = file
        self.record = record
        self.object = object
    }

    func error(_ field: String?, _ problem: String) -> StepsFileError {
        StepsFileError(file: file, record: record, field: field, problem: problem)
    }

    /// Refuses fields the format does not have (a typo would otherwise be ignored).
    func onlyFields(_ known: [String]) throws(StepsFileError) {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw error(unknown, "unknown field; expected one of \(known.joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws(StepsFileError) -> String {
        guard let value = try optionalString(key) else { throw error(key, "missing; expected a string") }
        return value
    }

    func optionalString(_ key: String) throws(StepsFileError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .string(let s) = value else { throw error(key, "expected a string, got \(value.typeName)") }
        return s
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int64>) throws(StepsFileError) -> Int64? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .int(let i) = value else { throw error(key, "expected a whole number, got \(value.typeName)") }
        guard range.contains(i) else { throw error(key, "\(i) is out of range; expected \(range.lowerBound) to \(range.upperBound)") }
        return i
    }

    func optionalAmount(_ key: String, as asset: Asset) throws(StepsFileError) -> Int128? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .string(let text) = value else {
            throw error(key, "expected an amount of \(asset.symbol) as a string (\"2.5 \(asset.symbol)\" or base units \"2500000\"), got \(value.typeName)")
        }
        switch asset.parseResult(text) {
        case .success(let amount): return amount
        case .failure(let failure): throw error(key, failure.description)
        }
    }

    /// A string-to-string object, such as `env_vars`.
    func optionalStringMap(_ key: String) throws(StepsFileError) -> [String: String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .object(let members) = value else { throw error(key, "expected an object of strings, got \(value.typeName)") }
        var result: [String: String] = [:]
        for (name, member) in members {
            guard case .string(let s) = member else { throw error("\(key).\(name)", "expected a string, got \(member.typeName)") }
            result[name] = s
        }
        return result
    }
}
