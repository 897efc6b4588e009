import Configuration
import Foundation
import SystemPackage

/// LedgerQA's settings, read through apple/swift-configuration from layered sources, the
/// first that has a setting winning:
///
/// 1. the process environment (`LOAD_DURATION=120`);
/// 2. `Tests/.env`, a `.env` file next to the tests;
/// 3. `.env` in the package root (the working directory);
/// 4. `ledgerqa.yaml`, `ledgerqa.yml` or `ledgerqa.json` in the package root (or the file
///    `LEDGERQA_CONFIG` names), nested by the setting's path: `load: {duration: 120}`.
///
/// Below them come the values written in code (`.loadUsers(5, duration: .seconds(10))`) and
/// the built-in defaults. Every value keeps the name of the source it came from, so a
/// malformed one is reported with its key, its file and the expected form.
public struct Settings: Sendable {
    /// One source: what a person calls it and swift-configuration's provider for it.
    struct Layer: Sendable {
        let name: String
        let provider: any ConfigProvider
        /// Whether its keys are environment variables (`LOAD_DURATION`) or file paths (`load.duration`).
        let isEnvironment: Bool
    }

    let layers: [Layer]

    /// The sources' names, most important first, for messages and docs.
    public var sourceNames: [String] { layers.map(\.name) }

    /// Only the given environment variables: what tests and `parse([String: String])` use.
    public static func environment(_ variables: [String: String]) -> Settings {
        Settings(layers: [Layer(name: "environment", provider: EnvironmentVariablesProvider(environmentVariables: variables), isEnvironment: true)])
    }

    /// The layered sources of `directory` (the package root) under `variables`.
    public static func load(
        environment variables: [String: String] = ProcessInfo.processInfo.environment,
        directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) async throws(ConfigurationError) -> Settings {
        var layers = [Layer(name: "environment", provider: EnvironmentVariablesProvider(environmentVariables: variables), isEnvironment: true)]
        for name in ["Tests/.env", ".env"] {
            let path = directory.appendingPathComponent(name).path
            do {
                layers.append(Layer(name: name, provider: try await EnvironmentVariablesProvider(
                    environmentFilePath: FilePath(path), allowMissing: true), isEnvironment: true))
            } catch {
                throw ConfigurationError(variable: name, value: path, expected: "a readable .env file of KEY=value lines (\(error))", source: name)
            }
        }
        let named = variables["LEDGERQA_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let candidates = named.map { [$0] } ?? ["ledgerqa.yaml", "ledgerqa.yml", "ledgerqa.json"]
        for name in candidates {
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if named != nil {
                    throw ConfigurationError(variable: "LEDGERQA_CONFIG", value: name, expected: "the path of an existing YAML or JSON file",
                        source: "environment")
                }
                continue
            }
            do {
                // YAML 1.2 reads JSON as well, so one parser serves both kinds of file.
                let provider = try await FileProvider<YAMLSnapshot>(filePath: FilePath(url.path))
                layers.append(Layer(name: name, provider: provider, isEnvironment: false))
            } catch {
                throw ConfigurationError(variable: name, value: url.path, expected: "a YAML or JSON mapping of settings (\(error))", source: name)
            }
            break
        }
        return Settings(layers: layers)
    }

    /// This process's settings, loaded once.
    public static func current() async throws(ConfigurationError) -> Settings {
        do { return try await cache.value } catch let error as ConfigurationError { throw error } catch {
            throw ConfigurationError(variable: "settings", value: "", expected: "\(error)")
        }
    }

    private static let cache = Task { () async throws -> Settings in try await load() }

    /// The value of `key` in the first source that has it (empty environment values count
    /// as unset), as text: a list in a file is joined with commas.
    public func value(_ key: SettingKey) throws(ConfigurationError) -> SettingValue? {
        let configKey = AbsoluteConfigKey(key.path)
        for layer in layers {
            let name = layer.isEnvironment ? key.variable : key.path.joined(separator: ".")
            do {
                if let text = try Self.text(layer.provider, configKey) {
                    let trimmed = text.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty, layer.isEnvironment { continue }
                    return SettingValue(text: trimmed, key: name, source: layer.name)
                }
            } catch {
                throw ConfigurationError(variable: name, value: "", expected: "a single value or a list of values", source: layer.name)
            }
        }
        return nil
    }

    /// A scalar as text, or a list of scalars joined with commas.
    static func text(_ provider: any ConfigProvider, _ key: AbsoluteConfigKey) throws -> String? {
        do {
            if case .string(let s)? = try provider.value(forKey: key, type: .string).value?.content { return s }
            return nil
        } catch {
            if case .stringArray(let list)? = try provider.value(forKey: key, type: .stringArray).value?.content {
                return list.joined(separator: ",")
            }
            throw error
        }
    }
}

/// A setting: its environment variable and its path in a settings file. The variable is the
/// path joined with `_` in capitals: `["load", "report_interval"]` is `LOAD_REPORT_INTERVAL`.
public struct SettingKey: Sendable, Hashable {
    public let path: [String]
    public var variable: String { path.joined(separator: "_").uppercased() }

    public init(_ path: String...) { self.path = path }
    public init(path: [String]) { self.path = path }
}

/// A setting's text and where it came from.
public struct SettingValue: Sendable, Hashable {
    public let text: String
    /// How the source names the setting: `LOAD_DURATION` or `load.duration`.
    public let key: String
    /// The source: `environment`, `Tests/.env`, `.env`, `ledgerqa.yaml`, …
    public let source: String

    /// A `ConfigurationError` for this value, naming its key, its source and the expected form.
    public func malformed(expected: String, showing shown: String? = nil) -> ConfigurationError {
        ConfigurationError(variable: key, value: shown ?? text, expected: expected, source: source)
    }
}
