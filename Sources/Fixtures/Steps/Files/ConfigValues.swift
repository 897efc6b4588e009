import Configuration
import Foundation
import Networks

/// The values of a JSON or YAML configuration file, read through swift-configuration with a
/// type per key: a missing key is `nil`, a value of the wrong type an error naming the key.
struct ConfigValues: Sendable {
    let file: String
    let snapshot: any ConfigSnapshot
    /// YAML scalars are text, so a YAML `3` is read as a number before it is read as a string.
    let isYAML: Bool
    /// A JSON file's document, parsed strictly: its values keep their JSON types (`"3"` is a
    /// string, `3` a number), which a YAML reading of the same file would blur.
    var document: JSON? = nil

    static func load(_ url: URL) async throws -> ConfigValues {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StepsFileError(file: path, problem: "does not exist; .stepRunner(...) names it relative to the test file's folder")
        }
        var document: JSON?
        if url.pathExtension.lowercased() == "json", let bytes = FileManager.default.contents(atPath: path) {
            // The strict parse gives a malformed file's error a byte offset, and keeps JSON's types.
            do { document = try JSON.parse(Array(bytes)) } catch { throw StepsFileError(file: path, problem: "is not valid JSON: \(error)") }
            guard document?.objectValue != nil else { throw StepsFileError(file: path, problem: "is not a JSON object") }
        }
        do {
            let provider: any ConfigProvider = switch url.pathExtension.lowercased() {
            case "yaml", "yml": try await FileProvider<YAMLSnapshot>(filePath: .init(path))
            // YAML 1.2 reads JSON too; LedgerQA enables only swift-configuration's YAML trait (Package.swift says why).
            case "json": try await FileProvider<YAMLSnapshot>(filePath: .init(path))
            default: throw StepsFileError(file: path, problem: "is neither .json nor .yaml/.yml")
            }
            return ConfigValues(file: path, snapshot: provider.snapshot(), isYAML: url.pathExtension.lowercased() != "json", document: document)
        } catch let error as StepsFileError {
            throw error
        } catch {
            throw StepsFileError(file: path, problem: "is not a valid \(url.pathExtension.uppercased()) object: \(error)")
        }
    }

    func error(_ key: String, _ problem: String) -> StepsFileError { StepsFileError(file: file, field: key, problem: problem) }

    private func lookup(_ key: String, _ type: ConfigType, expected: String) throws(StepsFileError) -> ConfigContent? {
        if let document {
            var value: JSON? = document
            for part in key.split(separator: ".") { value = value?[String(part)] }
            guard let value, !value.isNull else { return nil }
            guard let content = Self.content(value, type) else { throw self.error(key, "expected \(expected), found a JSON \(value.typeName)") }
            return content
        }
        do {
            return try snapshot.value(forKey: AbsoluteConfigKey(key.split(separator: ".").map(String.init)), type: type).value?.content
        } catch {
            throw self.error(key, "expected \(expected)")
        }
    }

    /// A JSON value as the requested type, or nil when its JSON type is another.
    static func content(_ value: JSON, _ type: ConfigType) -> ConfigContent? {
        switch (type, value) {
        case (.string, .string(let s)): .string(s)
        case (.int, .int(let i)): .int(Int(i))
        case (.double, .double(let d)): .double(d)
        case (.double, .int(let i)): .double(Double(i))
        case (.bool, .bool(let b)): .bool(b)
        case (.stringArray, .array(let items)):
            items.allSatisfy { $0.stringValue != nil } ? .stringArray(items.compactMap(\.stringValue)) : nil
        case (.intArray, .array(let items)):
            items.allSatisfy { $0.intValue != nil } ? .intArray(items.compactMap { $0.intValue.map(Int.init) }) : nil
        default: nil
        }
    }

    func string(_ key: String) throws(StepsFileError) -> String? {
        guard case .string(let s)? = try lookup(key, .string, expected: "a string") else { return nil }
        return s
    }

    func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(StepsFileError) -> Int? {
        guard case .int(let i)? = try lookup(key, .int, expected: "a whole number") else { return nil }
        guard range.contains(i) else { throw error(key, "\(i) is out of range; expected \(range.lowerBound) to \(range.upperBound)") }
        return i
    }

    func amount(_ key: String, as asset: Asset) throws(StepsFileError) -> Int128? {
        guard let text = try string(key) else { return nil }
        switch asset.parseResult(text) {
        case .success(let amount): return amount
        case .failure(let failure): throw error(key, failure.description)
        }
    }

    /// Any scalar value as JSON (string, whole number, number or boolean), for `runner.get`.
    func json(_ key: String) -> JSON? {
        if !isYAML, let s = try? string(key) { return .string(s) }
        if let i = try? int(key) { return .int(Int64(i)) }
        if case .double(let d)? = try? lookup(key, .double, expected: "") { return .double(d) }
        if case .bool(let b)? = try? lookup(key, .bool, expected: "") { return .bool(b) }
        return (try? string(key)).map(JSON.string)
    }
}
