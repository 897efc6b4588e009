import Foundation
import Networks

/// Runs user flows (DESIGN "Load engine"): each user loops until the deadline, choosing at
/// random (seeded) one action whose condition holds, running it, deriving the expected
/// state, reading the actual one, and recording outcome, latency and mismatches into the
/// run's statistics.
public enum LoadEngine {
    /// The closed model: every user loops in parallel until `deadline`, until it has run
    /// `iterations` actions, or until the run is told to stop; an action started before
    /// any of these runs to its end.
    static func run(
        users: [LoadUser], actions: (LoadUser) -> [LoadAction], until deadline: ContinuousClock.Instant, iterations: Int? = nil,
        statistics: RunStatistics, control: RunControl
    ) async {
        await withDiscardingTaskGroup { group in
            for user in users {
                let mine = actions(user)
                group.addTask { await flow(user, actions: mine, until: deadline, iterations: iterations, statistics: statistics, control: control) }
            }
        }
    }

    /// One of `items`, drawn with `rng`: the same seed and the same items give the same choice.
    public static func pick<T>(_ items: [T], using rng: inout SeededGenerator) -> T? {
        items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &rng)]
    }

    /// One user's loop. A user with no runnable action waits a little and looks again
    /// (its pending redemptions may become defaultable, its tokens unlock).
    static func flow(
        _ user: LoadUser, actions: [LoadAction], until deadline: ContinuousClock.Instant, iterations: Int?, statistics: RunStatistics,
        control: RunControl
    ) async {
        var ran = 0
        do { user.state = try await user.readState() } catch {
            statistics.failure(user: user.record.label, what: "first state read failed: \(error)")
            user.stateIsStale = true
        }
        while ContinuousClock.now < deadline, ran < iterations ?? .max, !control.isStopping, !Task.isCancelled {
            // A failed read leaves no stale "before": the state is read again first.
            if user.stateIsStale {
                guard await refresh(user, statistics: statistics) else {
                    await control.sleep(until: min(deadline, .now + .milliseconds(500)))
                    continue
                }
            }
            let runnable = actions.filter { $0.condition(user) }
            guard let action = user.chooseAction(runnable) else {
                user.activity.setIdle(true)
                await control.sleep(until: min(deadline, .now + .milliseconds(250)))
                _ = await refresh(user, statistics: statistics)
                continue
            }
            user.activity.setIdle(false)
            await execute(action, for: user, statistics: statistics)
            ran += 1
        }
        user.activity.setIdle(false)
    }

    /// Reads the user's state; a failure is counted and leaves the state stale.
    static func refresh(_ user: LoadUser, statistics: RunStatistics) async -> Bool {
        do {
            user.state = try await user.readState()
            user.stateIsStale = false
            return true
        } catch {
            user.stateIsStale = true
            statistics.failure(user: user.record.label, what: "state read failed: \(error)")
            return false
        }
    }

    /// Runs one action and checks the user's (and partner's) state afterwards; with `script`,
    /// its random draws are those recorded instead of new ones (a replay).
    public static func execute(_ action: LoadAction, for user: LoadUser, statistics: RunStatistics, script: [ReplayDraw]? = nil) async {
        let name = action.name.rawValue
        user.beginDraws(script: script)
        user.effects = Effects()
        user.actionGas = 0
        user.actionGasExpected = 0
        user.currentAction = name
        user.actionStart = ContinuousClock.now
        user.activity.begin(name)
        defer { user.activity.end() }
        statistics.started(action.name, at: user.actionStart)
        user.opLog?.write("OP_START user=\(user.record.label) action=\(name)")
        var partnerBefore: UserState?
        if action.involvesPartner, let partner = user.partner {
            partner.effects = Effects()
            partner.currentAction = name
            do { partnerBefore = try await partner.readState() } catch {
                statistics.failure(user: partner.record.label, what: "partner state read before \(name) failed: \(error); its state is not checked")
            }
        }
        let before = user.state
        var failure: (any Error)?
        do { try await action.run(user) } catch { failure = error }
        let end = ContinuousClock.now
        var mismatches = user.effects.receiptMismatches
        var expected: UserState?
        do {
            let checked = try await check(user, action: action, before: before)
            mismatches += checked.mismatches
            expected = checked.expected
        } catch {
            user.stateIsStale = true
            failure = failure ?? error
        }
        if let partner = user.partner, let partnerBefore {
            partner.state = partnerBefore
            do {
                let checked = try await check(partner, action: action, before: partnerBefore)
                mismatches += (partner.effects.receiptMismatches + checked.mismatches).map {
                    Mismatch(field: "partner.\($0.field)", expected: $0.expected, actual: $0.actual, asset: $0.asset)
                }
            } catch {
                statistics.failure(user: partner.record.label, what: "partner state read after \(name) failed: \(error); its state is not checked")
            }
        }
        let (draws, divergence) = user.endDraws()
        if let recorder = ReplayRecorder.current {
            var step = ReplayStep(user: user.index, action: action.name, draws: draws, start: recorder.seconds(user.actionStart),
                end: recorder.seconds(end), outcome: failure == nil ? "success" : "failure", error: failure.map { "\($0)" },
                mismatches: mismatches.map(ReplayMismatch.init), after: ReplayBalances(user.state),
                partnerAfter: partnerBefore == nil ? nil : user.partner.map { ReplayBalances($0.state) })
            step.divergence = divergence
            recorder.record(step)
        }
        user.totals.add(user.effects, settings: user.settings)
        if partnerBefore != nil, let partner = user.partner { partner.totals.add(partner.effects, settings: user.settings) }
        statistics.finished(action.name, user: user.record.label, started: user.actionStart, ended: end, succeeded: failure == nil,
            mismatches: mismatches, error: failure.map { "\($0)" })
        if let first = mismatches.first { RunNotifier.current?.mismatches(mismatches.count, example: "\(user.record.label) \(name): \(first)") }
        let outcome = failure == nil ? "success" : "failure"
        let ms = ((end - user.actionStart).milliseconds).rounded(to: 1)
        user.opLog?.write("OP_DONE user=\(user.record.label) action=\(name) outcome=\(outcome) ms=\(ms) "
            + "us=\(LatencyHistogram.microseconds(end - user.actionStart)) "
            + "gas=\(user.actionGas)/\(user.actionGasExpected) mismatches=\(mismatches.count)")
        var entry = "\(name) \(outcome) in \(ms) ms" + (failure.map { ": \($0)" } ?? "")
        if !mismatches.isEmpty {
            entry += "\n  before:   \(before.readable)\n  expected: \(expected?.readable ?? "-")\n  actual:   \(user.state.readable)"
            entry += mismatches.map { "\n  MISMATCH \($0)" }.joined()
        }
        user.log(entry)
    }

    /// Reads the user's state and compares it with the expectation; drops requests that
    /// finished from the user's book.
    static func check(_ user: LoadUser, action: LoadAction, before: UserState) async throws -> (mismatches: [Mismatch], expected: UserState) {
        let after = try await user.readState()
        var expectation = action.expectedState(before, user.effects, user.settings)
        let violations = await Transitions.violations(user, expected: expectation.state, actual: after)
        ExpectedState.reconcile(&expectation, actual: after, book: user.book, settings: user.settings)
        let mismatches = violations + expectation.mismatches(against: after)
        user.state = after
        let finished = Set(after.redemptions.filter { $0.value != "PENDING" }.keys)
        let expired = Set(after.reservations.filter { $0.value == "EXPIRED" }.keys)
        if !finished.isEmpty || !expired.isEmpty {
            user.book.redemptions.removeAll { finished.contains($0.request.requestID) }
            user.book.mintings.removeAll { expired.contains($0.reservation.reservationID) }
            user.state.redemptions = user.state.redemptions.filter { !finished.contains($0.key) }
            user.state.reservations = user.state.reservations.filter { !expired.contains($0.key) }
            try user.save()
        }
        return (mismatches, expectation.state)
    }
}
