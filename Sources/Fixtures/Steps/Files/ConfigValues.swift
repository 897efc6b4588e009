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

    static func load(_ url: URL) async throws -> ConfigValues {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StepsFileError(file: path, problem: "does not exist; .stepRunner(...) names it relative to the test file's folder")
        }
        if url.pathExtension.lowercased() == "json", let bytes = FileManager.default.contents(atPath: path) {
            // swift-configuration reads the values; this strict parse only gives a malformed file's error a byte offset.
            do { _ = try JSON.parse(Array(bytes)) } catch { throw StepsFileError(file: path, problem: "is not valid JSON: \(error)") }
        }
        do {
            let provider: any ConfigProvider = switch url.pathExtension.lowercased() {
            case "yaml", "yml": try await FileProvider<YAMLSnapshot>(filePath: .init(path))
            case "json": try await FileProvider<JSONSnapshot>(filePath: .init(path))
            default: throw StepsFileError(file: path, problem: "is neither .json nor .yaml/.yml")
            }
            return ConfigValues(file: path, snapshot: provider.snapshot(), isYAML: url.pathExtension.lowercased() != "json")
        } catch let error as StepsFileError {
            throw error
        } catch {
            throw StepsFileError(file: path, problem: "is not a valid \(url.pathExtension.uppercased()) object: \(error)")
        }
    }

    func error(_ key: String, _ problem: String) -> StepsFileError { StepsFileError(file: file, field: key, problem: problem) }

    private func lookup(_ key: String, _ type: ConfigType, expected: String) throws(StepsFileError) -> ConfigContent? {
        do {
            return try snapshot.value(forKey: AbsoluteConfigKey(key.split(separator: ".").map(String.init)), type: type).value?.content
        } catch {
            throw self.error(key, "expected \(expected)")
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
