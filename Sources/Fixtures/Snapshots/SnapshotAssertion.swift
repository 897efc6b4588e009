import Foundation
import Networks
import SnapshotTesting
import Testing

/// Compares a transcript with its reviewed snapshot under `test_snapshots/<Module>/`.
///
/// A mismatch fails the test with a line diff. `SNAPSHOT_RECORD=1` re-records; a missing
/// snapshot is recorded and fails the test once, so that it gets reviewed.
/// Parameterized cases must pass distinct `named:` values.
public func expectSnapshot(
    _ transcript: Transcript, named name: String,
    fileID: StaticString = #fileID, filePath: StaticString = #filePath, function: String = #function,
    line: UInt = #line, column: UInt = #column
) {
    let record: SnapshotTestingConfiguration.Record
    do { record = try LedgerQAEnvironment.snapshotRecordFromEnvironment() ? .all : .missing } catch {
        Issue.record("\(error)", sourceLocation: SourceLocation(fileID: "\(fileID)", filePath: "\(filePath)", line: Int(line), column: Int(column)))
        return
    }
    let failure = verifySnapshot(
        of: transcript.json, as: .transcriptJSON, named: name, record: record,
        snapshotDirectory: SnapshotPaths.directory(fileID: "\(fileID)", filePath: "\(filePath)"),
        fileID: fileID, file: filePath, testName: function, line: line, column: column)
    if let failure {
        Issue.record(Comment(rawValue: failure),
            sourceLocation: SourceLocation(fileID: "\(fileID)", filePath: "\(filePath)", line: Int(line), column: Int(column)))
    }
}

extension Snapshotting where Value == JSON, Format == String {
    /// Sorted, pretty-printed JSON, diffed by lines.
    static var transcriptJSON: Snapshotting {
        var strategy = Snapshotting<String, String>.lines.pullback { (json: JSON) in json.prettyString }
        strategy.pathExtension = "json"
        return strategy
    }
}

enum SnapshotPaths {
    /// `<package root>/test_snapshots/<Module>`, found from the test file's path (`Tests/<Module>/...`).
    static func directory(fileID: String, filePath: String) -> String {
        let module = fileID.split(separator: "/").first.map(String.init) ?? "Tests"
        var url = URL(fileURLWithPath: filePath)
        while url.pathComponents.count > 1, url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("test_snapshots").appendingPathComponent(module).path
    }
}
