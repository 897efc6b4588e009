import Foundation
import Networks
import Synchronization

/// The step log of a run: one line per event (`RUN_START`, `STEP_START`, `STEP_PREPARED` with the
/// payload, secrets redacted, `STEP_DONE` with what the step set and its duration, `STEP_SKIPPED`,
/// `STEP_FAILED`, `STEP_ALREADY_DONE` for a completed step a resumed run passes over, `RUN_DONE`),
/// appended to `<LEDGERQA_HOME>/logs/<time>-steps-<run>-<pid>/steps.log` and attached to the test.
final class StepLog: Sendable {
    let url: URL
    private let handle: Mutex<FileHandle?>
    /// Strings that must never reach the log: worker environment values and key seeds.
    private let secrets: Mutex<Set<String>>

    init(url: URL) {
        self.url = url
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try? FileHandle(forWritingTo: url)
        _ = try? h?.seekToEnd()
        handle = Mutex(h)
        secrets = Mutex([])
    }

    func addSecrets(_ values: some Sequence<String>) {
        secrets.withLock { $0.formUnion(values.filter { $0.count >= 4 }) }
    }

    /// Writes `EVENT key=value ...`, timestamped.
    func write(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        var line = "\(Self.timestamp()) \(event)"
        for (key, value) in fields { line += " \(key)=\(value)" }
        let data = Data(redact(line).utf8 + [0x0A])
        handle.withLock { h in try? h?.write(contentsOf: data) }
    }

    /// A payload as the log shows it: members whose name says secret replaced, known secrets cut out.
    func show(_ payload: JSON) -> String { Self.masked(payload).canonicalString }

    private func redact(_ text: String) -> String {
        secrets.withLock { secrets in secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") } }
    }

    static func masked(_ value: JSON) -> JSON {
        switch value {
        case .object(let members):
            .object(Dictionary(uniqueKeysWithValues: members.map { key, member in
                let lower = key.lowercased()
                let secret = ["secret", "password", "token", "private", "seed", "api_key", "apikey"].contains { lower.contains($0) }
                return (key, secret ? "<redacted>" : masked(member))
            }))
        case .array(let items): .array(items.map(masked))
        default: value
        }
    }

    func text() -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    func close() {
        handle.withLock { h in
            try? h?.close()
            h = nil
        }
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
