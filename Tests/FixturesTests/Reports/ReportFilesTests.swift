import Foundation
@testable import Fixtures
import Testing

/// Each case's reports go to `<home>/reports/<run id>/<case>/`, and the paths come back for
/// the test's attachments and the summary.
@Suite("Report files")
struct ReportFilesTests {
    func temporaryHome() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("report-files-\(UUID().uuidString)", isDirectory: true)
    }

    @Test("report.json and report.html are written under reports/<run id>/<case>/ and their paths returned")
    func written() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let report = ReportSamples.report(home: home)
        let files = LoadReportFiles.write(report, under: home)
        let directory = home.appendingPathComponent("reports/20260101T000000Z-1/minting", isDirectory: true)
        #expect(files.directory?.standardizedFileURL == directory.standardizedFileURL)
        #expect(files.written.map(\.lastPathComponent) == ["report.json", "report.html"])
        for file in files.written {
            #expect(file.deletingLastPathComponent().standardizedFileURL == directory.standardizedFileURL)
            #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path)")
        }
        let document = try LoadReportDocument.read(from: directory.appendingPathComponent("report.json"))
        #expect(document == LoadReportDocument(report))
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Load case minting"))
    }

    @Test("a run id or case label that is not a safe file name stays inside the reports directory")
    func safeNames() {
        let home = URL(fileURLWithPath: "/tmp/h")
        let directory = LoadReportFiles.directory(runID: "../../etc", label: "a/b c", under: home)
        #expect(directory.path == "/tmp/h/reports/.._.._etc/a_b_c")
        #expect(LoadReportFiles.pathComponent("..") == "_..")
        #expect(LoadReportFiles.pathComponent("") == "_")
    }

    @Test("a home that cannot be written leaves no report, names the directory, and does not throw")
    func unwritable() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Data("a file where reports/ should be".utf8).write(to: home.appendingPathComponent("reports"))
        let report = ReportSamples.report(home: home)
        #expect(throws: ReportWriteError.self) { try LoadReportFiles.writeFiles(report, under: home) }
        let files = LoadReportFiles.write(report, under: home)
        #expect(files.directory == nil && files.written.isEmpty)
    }
}
