import Foundation

/// What shrinking a failing case found, as its report says it.
public struct ShrinkSummary: Sendable {
    /// The failure kept while shrinking (`mismatch:<action>:<field>`, `invariant:<name>`, ...).
    public var failure: String
    /// Actions the case recorded (where shrinking started), and those up to and with its first failure.
    public var recorded: Int
    public var started: Int
    /// Actions of the minimal sequence; nil when a fresh devnet did not fail the same way.
    public var ended: Int?
    public var seconds: Double
    public var candidates: Int
    public var outOfTime: Bool
    public var notes: [String]
    /// `minimal-replay.json`, the printed test, and the copy kept under `failures/`.
    public var minimalFile: URL?
    public var testFile: URL?
    public var keptFile: URL?
    /// The printed test.
    public var testSource: String?

    /// One line for the summary.
    public var line: String {
        guard let ended else { return "shrink: not reproduced on a fresh private devnet (\(failure)); " + notes.joined(separator: "; ") }
        return "shrink: \(recorded) actions -> \(ended) in \(seconds.rounded(to: 1)) s (\(candidates) candidates\(outOfTime ? ", budget used up" : "")), "
            + "failing with \(failure); " + notes.joined(separator: "; ") + (minimalFile.map { "; \($0.path)" } ?? "")
    }
}

/// A kept failure replayed before a case's flows.
public struct KeptFailureResult: Sendable {
    public var file: URL
    /// True when it still fails the same way; false when it passed and was retired.
    public var stillFails: Bool
    public var problems: [String]

    public var line: String {
        stillFails ? "kept failure \(file.lastPathComponent) STILL FAILS: " + problems.prefix(3).joined(separator: "; ")
            : "kept failure \(file.lastPathComponent) passes now: retired"
    }
}
