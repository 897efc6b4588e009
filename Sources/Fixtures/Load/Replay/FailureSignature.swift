/// What makes two failures "the same" for shrinking: the action and the mismatched field (ids
/// and amounts left out), the action and its error, or the invariant's name.
enum FailureSignature {
    /// The signatures of one step, its mismatches first.
    static func of(_ step: ReplayStep) -> [String] {
        var out = step.mismatches.map { "mismatch:\(step.action):\(normalized($0.field))" }
        if step.outcome == "failure", step.divergence == nil { out.append("failure:\(step.action):\(normalized(step.error ?? ""))") }
        return out
    }

    static func of(_ invariant: InvariantResult) -> String { "invariant:\(invariant.name)" }

    /// The first failure of a case in global order: the first failed step's first signature,
    /// else the first violated invariant.
    static func first(steps: [ReplayStep], invariants: [InvariantResult]) -> String? {
        for step in steps.sorted(by: { $0.order < $1.order }) { if let first = of(step).first { return first } }
        return invariants.first { !$0.holds }.map(of)
    }

    /// `text` with runs of digits and long hex runs (ids, hashes, amounts) replaced by `#`.
    static func normalized(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            let hex = run.count >= 6 && run.allSatisfy(\.isHexDigit)
            if !run.isEmpty { out += hex || run.allSatisfy(\.isNumber) ? "#" : run }
            run = ""
        }
        for c in text.prefix(200) {
            if c.isHexDigit { run.append(c) } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }
}
