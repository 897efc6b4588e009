import Foundation

/// Shrunk failures kept under `<LEDGERQA_HOME>/failures/` (Foundry's model): the next load case
/// of the same mix against the embedded devnet replays each before its flows, reports whether
/// it still fails, and retires (deletes) it once it passes.
enum FailureStore {
    static func directory(home: URL) -> URL { home.appendingPathComponent("failures", isDirectory: true) }

    /// Keeps `minimal` and its test as `<label>-seed<seed>-<signature hash>.json` / `.swift`; returns the JSON file.
    static func keep(_ minimal: ReplayFile, test: String, home: URL) throws -> URL {
        let folder = directory(home: home)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stem = LoadReportFiles.pathComponent("\(minimal.label)-seed\(minimal.settings.seed)-\(minimal.settings.runID)")
        let json = folder.appendingPathComponent(stem + ".json")
        try minimal.jsonData().write(to: json, options: .atomic)
        try Data(test.utf8).write(to: folder.appendingPathComponent(stem + ".swift"), options: .atomic)
        return json
    }

    /// The kept failures of the case `label`, oldest name first.
    static func pending(label: String, home: URL) -> [URL] {
        let folder = directory(home: home)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }.filter { url in
            (try? ReplayFile.read(url).label) == label
        }
    }

    /// Removes a failure that passes now, with its test.
    static func retire(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.removeItem(at: url.deletingPathExtension().appendingPathExtension("swift"))
    }
}
