import Foundation

/// Writes a load case's report files under `<home>/reports/<run id>/<case>/`.
enum LoadReportFiles {
    /// The files written (none yet: report.json and report.html come with the report writers)
    /// and their directory.
    static func write(_ report: LoadReport, under home: URL) -> (directory: URL?, written: [URL]) {
        (nil, [])
    }
}
