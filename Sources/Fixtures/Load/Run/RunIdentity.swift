import Foundation

/// The identity of a load run: every case of one test process (or of one sharded run, with
/// `LOAD_RUN_ID`) shares it, and its reports sit under `reports/<run id>/`.
enum RunIdentity {
    /// `LOAD_RUN_ID` when set, else the process's own: `<UTC time>-<pid>`, e.g. `20261130T204512Z-4711`.
    static let processRunID: String = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "\(formatter.string(from: Date()))-\(ProcessInfo.processInfo.processIdentifier)"
    }()

    /// The URL without user, password, query or fragment: what a report may show.
    static func publicTarget(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return "<unparseable URL>" }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return parts.string ?? "<unparseable URL>"
    }
}
