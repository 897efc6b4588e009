import Foundation

/// Writes a load case's report files under `<home>/reports/<run id>/<case>/`: `report.json`
/// (the document a merge reads back) and `report.html` (the page a person opens).
enum LoadReportFiles {
    static let json = "report.json"
    static let html = "report.html"

    /// The files written and their directory; a file that cannot be written is named on
    /// standard error and left out (a report never fails the case it reports on).
    static func write(_ report: LoadReport, under home: URL, directory: URL? = nil) -> (directory: URL?, written: [URL]) {
        do {
            let directory = try writeFiles(report, under: home, directory: directory)
            return (directory, [directory.appendingPathComponent(json), directory.appendingPathComponent(html)])
        } catch {
            FileHandle.standardError.write(Data("ledgerqa: the report of load case \(report.label) was not written: \(error)\n".utf8))
            return (nil, [])
        }
    }

    /// Writes both files and returns their directory: `<home>/reports/<run id>/<case>/`, or
    /// `directory` when given (a shard of a distributed run keeps its own files apart).
    static func writeFiles(_ report: LoadReport, under home: URL, directory: URL? = nil) throws -> URL {
        let directory = directory ?? self.directory(runID: report.runID, label: report.label, under: home)
        try write(LoadReportDocument(report), to: directory)
        return directory
    }

    /// Writes `document`'s `report.json` and `report.html` into `directory`.
    static func write(_ document: LoadReportDocument, to directory: URL) throws {
        func step(_ what: String, _ body: () throws -> Void) throws {
            do { try body() } catch { throw ReportWriteError(path: what, reason: "\(error)") }
        }
        try step(directory.path) { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        let jsonFile = directory.appendingPathComponent(json), htmlFile = directory.appendingPathComponent(html)
        try step(jsonFile.path) { try document.jsonData().write(to: jsonFile, options: .atomic) }
        try step(htmlFile.path) { try Data(document.html().utf8).write(to: htmlFile, options: .atomic) }
    }

    /// `<home>/reports/<run id>/<case>/`, each name made safe as one path component.
    static func directory(runID: String, label: String, under home: URL) -> URL {
        home.appendingPathComponent("reports", isDirectory: true)
            .appendingPathComponent(pathComponent(runID), isDirectory: true)
            .appendingPathComponent(pathComponent(label), isDirectory: true)
    }

    /// `name` with anything but letters, digits, `.`, `_` and `-` replaced by `_`; never
    /// empty, `.` or `..`.
    static func pathComponent(_ name: String) -> String {
        let safe = String(name.unicodeScalars.map { c -> Character in
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "." || c == "_" || c == "-") ? Character(c) : "_"
        })
        return safe.isEmpty || safe.allSatisfy({ $0 == "." }) ? "_" + safe : safe
    }
}

/// Why a report's files were not written.
struct ReportWriteError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot write \(path) (\(reason)); check the directory's permissions or set LEDGERQA_HOME" }
}

extension LoadReport {
    /// Writes `report.json` and `report.html` under `<home>/reports/<run id>/<case>/`, as a
    /// load case does at its end, and returns that directory.
    public func writeReportFiles(under home: URL) throws -> URL {
        try LoadReportFiles.writeFiles(self, under: home)
    }
}
