import Foundation

/// Runs recorded steps again on a run's users: each with its recorded draws, none new.
enum LoadReplayer {
    /// How time passes between replayed actions.
    enum Pace: Sendable {
        /// The network's real clock: an action whose condition does not hold yet (a timelock,
        /// a deadline) is retried until its recorded start plus `slack`.
        case real(slack: Duration)
        /// A private devnet's clock, moved forward to each action's recorded start from `origin`.
        case virtual(VirtualClock, origin: Double)
    }

    /// Replays `steps` (in `order`) on `users`, resolving action names in `actions`; every
    /// replayed step goes to the task's `ReplayRecorder`, a step that could not run too (with
    /// its `divergence`).
    static func run(_ steps: [ReplayStep], users: [LoadUser], actions: [LoadAction], order: ReplayOrder, pace: Pace,
        statistics: RunStatistics, control: RunControl? = nil, stopAfter: (@Sendable (ReplayStep) -> Bool)? = nil) async
    {
        let byIndex = Dictionary(users.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        let byName = Dictionary(actions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let start = ContinuousClock.now
        for user in users { _ = await LoadEngine.refresh(user, statistics: statistics) }
        @Sendable func one(_ step: ReplayStep) async {
            guard control?.isStopping != true, let user = byIndex[step.user], let action = byName[step.action] else {
                skip(step, why: byIndex[step.user] == nil ? "user-\(step.user) is not in this run" : "the run is stopping or knows no \(step.action)")
                return
            }
            guard await waitForCondition(action, user: user, step: step, pace: pace, start: start, statistics: statistics) else {
                skip(step, why: "\(step.action)'s condition did not hold for user-\(step.user)")
                return
            }
            await LoadEngine.execute(action, for: user, statistics: statistics, script: step.draws)
        }
        let ordered = steps.sorted { $0.order < $1.order }
        switch order {
        case .global:
            for step in ordered {
                await one(step)
                if let stopAfter, let last = ReplayRecorder.current?.last, stopAfter(last) { break }
            }
        case .users:
            await withDiscardingTaskGroup { group in
                for index in Set(ordered.map(\.user)).sorted() {
                    let mine = ordered.filter { $0.user == index }
                    group.addTask { for step in mine { await one(step) } }
                }
            }
        }
    }

    /// Seconds a virtual clock moves past an action's recorded start for its condition to hold.
    static let virtualSlack = 3

    /// Reads the user's state until the action may run: once on a virtual clock (moved to the
    /// step's recorded start first), until the recorded start plus the slack on a real one.
    static func waitForCondition(_ action: LoadAction, user: LoadUser, step: ReplayStep, pace: Pace, start: ContinuousClock.Instant,
        statistics: RunStatistics) async -> Bool
    {
        switch pace {
        case .virtual(let clock, let origin):
            // At the recorded start, else up to `virtualSlack` seconds later (a lock that ends a second after).
            // The state after the user's last action decides, as in a run; it is read again when it does not hold.
            clock.advance(toAtLeast: origin + step.start)
            if !user.stateIsStale, action.condition(user) { return true }
            for extra in 0...virtualSlack {
                if extra > 0 { clock.advance(toAtLeast: origin + step.start + Double(extra)) }
                if await LoadEngine.refresh(user, statistics: statistics), action.condition(user) { return true }
            }
            return false
        case .real(let slack):
            let deadline = max(start + .milliseconds(Int64(step.start * 1000)), .now) + slack
            while true {
                if await LoadEngine.refresh(user, statistics: statistics), action.condition(user) { return true }
                guard ContinuousClock.now < deadline else { return false }
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// Records a step that could not be replayed.
    static func skip(_ step: ReplayStep, why: String) {
        guard let recorder = ReplayRecorder.current else { return }
        var skipped = step
        skipped.outcome = "skipped"
        skipped.mismatches = []
        skipped.after = nil
        skipped.partnerAfter = nil
        skipped.divergence = why
        skipped.start = recorder.seconds(.now)
        skipped.end = skipped.start
        recorder.record(skipped)
    }
}
