import Foundation
@testable import Fixtures
import Testing

/// Real report.json files validate against docs/report.schema.json, checked by
/// scripts/check-report with Python's jsonschema (Debian's python3-jsonschema).
@Suite("Report schema")
struct ReportSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appendingPathComponent("scripts/check-report")

    /// Whether a python3 with jsonschema is installed (the script's own test for it).
    static let jsonschemaAvailable: Bool = ["python3", "/usr/bin/python3"].contains { python in
        ToolRun.succeeds(URL(fileURLWithPath: "/usr/bin/env"), [python, "-c", "import jsonschema"])
    }

    func writeReports() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("report-schema-\(UUID().uuidString)", isDirectory: true)
        _ = try LoadReportFiles.writeFiles(ReportSamples.report(home: home), under: home)
        _ = try LoadReportFiles.writeFiles(ReportSamples.empty(home: home), under: home)
        return home
    }

    @Test("report.json files validate against docs/report.schema.json",
        .enabled(if: jsonschemaAvailable, "python3 with jsonschema is not installed (Debian: apt install python3-jsonschema)"),
        .timeLimit(.minutes(2)))
    func validates() async throws {
        let home = try writeReports()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await ToolRun.run(Self.script, [home.appendingPathComponent("reports").path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("2 of 2 reports valid"), "\(result.output)")
    }

    @Test("the check fails on a report that breaks the schema, naming the field",
        .enabled(if: jsonschemaAvailable, "python3 with jsonschema is not installed (Debian: apt install python3-jsonschema)"),
        .timeLimit(.minutes(2)))
    func rejects() async throws {
        let home = try writeReports()
        defer { try? FileManager.default.removeItem(at: home) }
        let file = LoadReportFiles.directory(runID: "20260101T000000Z-1", label: "minting", under: home).appendingPathComponent("report.json")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\"gas\":\"1735750000000000000\"", with: "\"gas\":1735750000000000000")
        try Data(text.utf8).write(to: file)
        let result = try await ToolRun.run(Self.script, [file.path])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("at fees/gas"), "\(result.output)")
    }
}
