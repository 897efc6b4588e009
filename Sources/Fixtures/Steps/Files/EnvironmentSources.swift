import Configuration
import Foundation

/// Where a worker's `env_vars` and key variables are looked up, first match wins: the process
/// environment, then the `.env` file next to the config file, then `.env` in the working
/// directory (seed 001 loads the project's `.env` and lets the tests' `.env` override it).
/// `.env` files are read with swift-configuration's `EnvironmentVariablesProvider`.
struct EnvironmentSources: Sendable {
    let sources: [(label: String, provider: EnvironmentVariablesProvider)]

    static func load(configDirectory: URL) async throws -> EnvironmentSources {
        var sources: [(String, EnvironmentVariablesProvider)] = [("the environment", EnvironmentVariablesProvider())]
        let local = configDirectory.appendingPathComponent(".env").standardizedFileURL.path
        let project = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".env").standardizedFileURL.path
        for path in local == project ? [local] : [local, project] {
            do {
                sources.append((path, try await EnvironmentVariablesProvider(environmentFilePath: .init(path), allowMissing: true)))
            } catch {
                throw StepsFileError(file: path, problem: "cannot be read as a .env file: \(error)")
            }
        }
        return EnvironmentSources(sources: sources)
    }

    /// The variable's value from the first source that has it.
    func value(_ name: String) -> String? {
        for source in sources {
            if let value = try? source.provider.environmentValue(forName: name) { return value }
        }
        return nil
    }

    /// "the environment, tests/.env or ./.env", for messages.
    var searched: String { sources.map(\.label).joined(separator: ", ") }
}
