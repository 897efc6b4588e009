/// The planted bugs in force and what they have counted, kept in the ledger (under its lock).
final class PlantState {
    private(set) var bugs: [PlantedBug] = []
    private var skipped: Set<RefusalRule> = []
    private var gasUses: [String: Int] = [:]
    /// Per combination: victim calls counted per agent since the last trigger on that agent.
    private var comboCounts: [[String: Int]] = []

    var isActive: Bool { !bugs.isEmpty }

    /// Replaces the planted bugs; counts start again.
    func set(_ bugs: [PlantedBug]) {
        self.bugs = bugs
        skipped = Set(bugs.compactMap { if case .skip(let rule) = $0 { rule } else { nil } })
        gasUses = [:]
        comboCounts = bugs.map { _ in [:] }
    }

    /// Whether `rule` was planted as skipped.
    func skips(_ rule: RefusalRule) -> Bool { !skipped.isEmpty && skipped.contains(rule) }

    /// The gas the next included use of `call` pays: the table's, or a planted overcharge.
    func gas(for call: String, base: Int64) -> Int64 {
        guard isActive else { return base }
        let use = (gasUses[call] ?? 0) + 1
        var gas = base
        for case .gas(call, let from, let delta) in bugs where use >= from { gas += delta }
        return gas
    }

    /// Counts an included use of `call`.
    func recordUse(_ call: String) {
        guard isActive else { return }
        gasUses[call, default: 0] += 1
    }

    /// The effect a combination has on the next `call` on `agent`, without counting it.
    func comboEffect(on call: String, agent: String) -> ComboBug.Effect? {
        for (n, bug) in bugs.enumerated() {
            guard case .combo(let combo) = bug, combo.kind.victim == call, let count = comboCounts[n][agent] else { continue }
            if count + 1 == combo.nth { return combo.effect }
        }
        return nil
    }

    /// Counts a successful `call` on `agent`: a trigger starts the count, a victim advances it.
    func observe(_ call: String, agent: String) {
        guard isActive else { return }
        for (n, bug) in bugs.enumerated() {
            guard case .combo(let combo) = bug else { continue }
            if combo.kind.trigger == call { comboCounts[n][agent] = 0 }
            if combo.kind.victim == call, let count = comboCounts[n][agent] { comboCounts[n][agent] = count + 1 }
        }
    }

    /// The spec that plants these bugs again.
    var spec: String { bugs.isEmpty ? "off" : bugs.map(\.description).joined(separator: ",") }
}
