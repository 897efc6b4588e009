/// What a replay did: each action as replayed, the invariants afterwards, and every problem found.
public struct ReplayOutcome: Sendable {
    /// The replayed steps in the order they ran, with their new balances and mismatches.
    public let steps: [ReplayStep]
    public let invariants: [InvariantResult]

    /// Steps that could not follow their recording (a condition that did not hold, a draw out of range).
    public var diverged: [ReplayStep] { steps.filter { $0.divergence != nil } }

    /// The failures' signatures (see `ReplayFile.failure`).
    public var signatures: Set<String> {
        Set(steps.flatMap(FailureSignature.of) + invariants.filter { !$0.holds }.map(FailureSignature.of))
    }

    /// Every problem, readable: mismatches, failed actions, divergences, violated invariants.
    public var problems: [String] {
        var out: [String] = []
        for step in steps {
            let who = "step \(step.order) user-\(step.user) \(step.action)"
            if let why = step.divergence { out.append("\(who) did not replay: \(why)") }
            if step.outcome == "failure", step.divergence == nil { out.append("\(who) failed: \(step.error ?? "?")") }
            out += step.mismatches.map { "\(who) MISMATCH \($0)" }
        }
        return out + invariants.filter { !$0.holds }.map { "invariant \($0)" }
    }

    /// True when `signature` is among the failures. Steps that could not run as recorded are
    /// left out rather than disqualifying: shrinking then drops them as unneeded.
    func fails(with signature: String) -> Bool { signatures.contains(signature) }
}
