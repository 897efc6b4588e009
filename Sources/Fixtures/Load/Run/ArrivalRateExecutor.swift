import Synchronization

/// Starts actions on an `ArrivalRate` schedule, each on an idle user whose chosen action's
/// condition holds; with no such user the iteration is dropped (counted per second, as k6's
/// `dropped_iterations`), never delayed.
struct ArrivalRateExecutor {
    let schedule: ArrivalRate
    let users: [LoadUser]
    let actions: [LoadAction]
    let statistics: RunStatistics
    let control: RunControl

    /// Users not running an action, in the order they became idle.
    final class IdlePool: Sendable {
        private let users: Mutex<[LoadUser]>
        init(_ users: [LoadUser]) { self.users = Mutex(users) }

        /// The first idle user with a runnable action, and the action it chose.
        func take(_ actions: [LoadAction]) -> (LoadUser, LoadAction)? {
            users.withLock { idle in
                for (i, user) in idle.enumerated() {
                    let runnable = actions.filter { $0.condition(user) }
                    if let action = user.randomElement(runnable) {
                        idle.remove(at: i)
                        return (user, action)
                    }
                }
                return nil
            }
        }

        func put(_ user: LoadUser) { users.withLock { $0.append(user) } }
        var count: Int { users.withLock { $0.count } }
    }

    /// Runs until the schedule (or `duration`, for a constant rate) ends or the run stops,
    /// then waits for the actions in flight.
    func run(duration: Duration) async {
        await withDiscardingTaskGroup { group in
            for user in users {
                group.addTask {
                    do { user.state = try await user.readState() } catch {
                        statistics.failure(user: user.record.label, what: "first state read failed: \(error)")
                    }
                }
            }
        }
        let idle = IdlePool(users)
        let end = (schedule.stagesDuration ?? duration).seconds
        let start = statistics.start
        await withDiscardingTaskGroup { group in
            var k = 0
            while !control.isStopping, let offset = schedule.start(of: k, end: end) {
                let due = start + .milliseconds(Int64(offset * 1000))
                await control.sleep(until: due)
                if control.isStopping { break }
                if let (user, action) = idle.take(actions) {
                    group.addTask {
                        await LoadEngine.execute(action, for: user, statistics: statistics)
                        idle.put(user)
                    }
                } else {
                    statistics.dropped(at: due)
                }
                k += 1
            }
        }
    }
}
