import Foundation

/// Reduces a failing case's recording to the smallest sequence of actions that still fails the
/// same way, each candidate replayed on a fresh private devnet (Hypothesis' shrinking, for a
/// load run): the failing user alone (with its partner), else with the fewest other users in
/// recorded global order; then delta debugging removes chunks of actions; then each remaining
/// draw is made as simple as it can be (the first item, the smallest number). A candidate whose
/// actions cannot all run as recorded (a redemption without its minting) does not count, so
/// every step the remaining ones depend on stays.
struct Shrinker {
    let recording: ReplayFile
    let actions: [LoadAction]
    let fresh: FreshDevnet
    /// The failure to keep (see `FailureSignature`).
    let signature: String
    let budget: Duration

    /// What shrinking found.
    struct Result: Sendable {
        /// The actions recorded (where shrinking starts), and those up to and with the first failure.
        var recorded: Int
        var started: Int
        /// The smallest failing sequence found, or nil when a fresh devnet did not fail the same way.
        var minimal: ReplayFile?
        var candidates: Int
        var elapsed: Duration
        /// True when the budget ran out before shrinking finished.
        var outOfTime: Bool
        var notes: [String]
    }

    func shrink() async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        var candidates = 0
        var notes: [String] = []
        let ordered = recording.steps.sorted { $0.order < $1.order }
        guard let failing = ordered.first(where: { FailureSignature.of($0).contains(signature) }) ?? ordered.last(where: \.failed) ?? ordered.last else {
            return Result(recorded: 0, started: 0, minimal: nil, candidates: 0, elapsed: .zero, outOfTime: false, notes: ["nothing was recorded"])
        }
        // Every action stays a candidate, those after the first failure too: replayed one at a time,
        // concurrent actions can reach the failure a few actions later than the recording did.
        // Candidates stop at the failure, so the later ones cost nothing once it is found.
        let prefix = ordered
        let before = ordered.filter { $0.order <= failing.order }
        var outOfTime = false
        func timeLeft() -> Bool {
            if clock.now - start >= budget { outOfTime = true }
            return !outOfTime
        }
        var lastOutcome: ReplayOutcome?
        func fails(_ steps: [ReplayStep], always: Bool = false) async -> Bool {
            guard !steps.isEmpty, always || timeLeft() else { return false }
            candidates += 1
            do {
                // A candidate ends at the failure.
                let outcome = try await recording.with(steps: steps).run(on: fresh, actions: actions) { [signature] step in
                    FailureSignature.of(step).contains(signature)
                }
                lastOutcome = outcome
                return outcome.fails(with: signature)
            } catch {
                notes.append("a candidate could not run: \(error)")
                return false
            }
        }
        // 1. The failing user alone, else with the other users that acted last before the failure,
        //    1, 2, 4, ... of them (all of them last); then the smallest set of those that still fails.
        let others = before.reversed().map(\.user).reduce(into: [Int]()) { if $1 != failing.user, !$0.contains($1) { $0.append($1) } }
        var sizes = [0]
        var size = 1
        while size < others.count {
            sizes.append(size)
            size *= 2
        }
        if !others.isEmpty { sizes.append(others.count) }
        var found: [Int]?
        for count in sizes {
            let set = Set(others.prefix(count))
            if await fails(prefix.filter { $0.user == failing.user || set.contains($0.user) }) {
                found = Array(others.prefix(count))
                break
            }
            if outOfTime { break }
        }
        guard let found else {
            notes.append(outOfTime ? "the budget ran out before the failure was confirmed"
                : "a fresh private devnet did not fail the same way (\(signature)) when the recorded actions ran in global order: "
                    + (lastOutcome.map(Self.explain) ?? "no replay"))
            return Result(recorded: ordered.count, started: before.count, minimal: nil, candidates: candidates, elapsed: clock.now - start,
                outOfTime: outOfTime, notes: notes)
        }
        let needed = found.isEmpty ? [] : await Self.ddmin(found, timeLeft: timeLeft) { subset in
            await fails(prefix.filter { $0.user == failing.user || subset.contains($0.user) })
        }
        var current = prefix.filter { $0.user == failing.user || needed.contains($0.user) }
        // 2. Delta debugging over the actions.
        current = await Self.ddmin(current, timeLeft: timeLeft) { await fails($0) }
        // 3. Simpler draws, one at a time.
        for n in current.indices {
            for d in current[n].draws.indices where current[n].draws[d].value != current[n].draws[d].simplest.value {
                var candidate = current
                candidate[n].draws[d] = candidate[n].draws[d].simplest
                if await fails(candidate) { current = candidate }
            }
        }
        // 4. Simpler draws can make more actions unneeded.
        if timeLeft() { current = await Self.ddmin(current, timeLeft: timeLeft) { await fails($0) } }
        // 5. Actions that did not run as recorded go, and the others keep the draws they used and what they
        //    left on the fresh devnet, if it still fails (checked even when the budget is used up, so the
        //    sequence kept is one that runs as written).
        if await fails(current, always: true), let replayed = lastOutcome?.steps, replayed.count <= current.count {
            var cleaned: [ReplayStep] = []
            for (step, run) in zip(current, replayed) where run.divergence == nil {
                var kept = run
                kept.start = step.start
                kept.end = step.end
                cleaned.append(kept)
            }
            if cleaned.map(\.draws) == current.map(\.draws) {
                current = cleaned
            } else if await fails(cleaned, always: true) {
                current = cleaned
            }
        }
        let involved = Set(current.map(\.user)).subtracting([failing.user]).sorted()
        notes.append("user-\(failing.user) fails " + (involved.isEmpty ? "alone" : "with " + involved.map { "user-\($0)" }.joined(separator: ", ")))
        var minimal = recording.with(steps: current)
        minimal.failure = signature
        minimal.plant = fresh.plant ?? recording.plant
        return Result(recorded: ordered.count, started: before.count, minimal: minimal, candidates: candidates, elapsed: clock.now - start,
            outOfTime: outOfTime, notes: notes)
    }

    /// What a replay found instead: its divergences and failures, briefly.
    static func explain(_ outcome: ReplayOutcome) -> String {
        let diverged = outcome.diverged
        return "\(outcome.steps.count) actions, \(diverged.count) could not follow their recording"
            + diverged.prefix(3).map { " (step \($0.order) user-\($0.user) \($0.action): \($0.divergence ?? ""))" }.joined()
            + ", failures " + (outcome.signatures.isEmpty ? "none" : outcome.signatures.sorted().joined(separator: ", "))
    }

    /// Zeller's delta debugging, by complements: the smallest sub-list (keeping order) for which
    /// `test` still holds, 1-minimal when time allows. `test` of the whole list is assumed true.
    static func ddmin<T: Sendable>(_ items: [T], timeLeft: () -> Bool, test: ([T]) async -> Bool) async -> [T] {
        var current = items
        var n = 2
        while current.count >= 2, timeLeft() {
            let size = (current.count + n - 1) / n
            let chunks = stride(from: 0, to: current.count, by: size).map { Array(current[$0..<min($0 + size, current.count)]) }
            var reduced = false
            for i in chunks.indices {
                let complement = chunks.enumerated().filter { $0.offset != i }.flatMap(\.element)
                if await test(complement) {
                    current = complement
                    n = max(n - 1, 2)
                    reduced = true
                    break
                }
            }
            if !reduced {
                if n >= current.count { break }
                n = min(n * 2, current.count)
            }
        }
        if current.count == 1, timeLeft(), await test([]) { return [] }
        return current
    }
}

extension ReplayFile {
    /// Shrinks this recording's failure (`failure`) on fresh private devnets within `budget`:
    /// the smallest sequence that still fails the same way, and what shrinking did. The same
    /// recording always shrinks to the same sequence when the budget suffices.
    ///
    /// ```swift
    /// let (minimal, summary) = await recording.shrink(actions: LoadMix.pools.actions, on: FreshDevnet(plant: "combo:reservation-after-exit"))
    /// ```
    public func shrink(actions: [LoadAction], on fresh: FreshDevnet, budget: Duration = .seconds(120)) async -> (ReplayFile?, ShrinkSummary) {
        guard let failure else {
            return (nil, ShrinkSummary(failure: "none", recorded: steps.count, started: 0, ended: nil, seconds: 0, candidates: 0, outOfTime: false,
                notes: ["the recording has no failure to shrink"]))
        }
        let result = await Shrinker(recording: self, actions: ReplayFile.knownActions(actions), fresh: fresh, signature: failure, budget: budget)
            .shrink()
        return (result.minimal, ShrinkSummary(failure: failure, recorded: result.recorded, started: result.started, ended: result.minimal?.steps.count,
            seconds: result.elapsed.seconds, candidates: result.candidates, outOfTime: result.outOfTime, notes: result.notes))
    }
}
