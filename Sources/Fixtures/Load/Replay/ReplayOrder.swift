/// How `LOAD_REPLAY` orders the recorded actions (`LOAD_REPLAY_ORDER`).
public enum ReplayOrder: String, Sendable, CaseIterable {
    /// Each user runs its own actions in its recorded order, users in parallel.
    case users
    /// One action at a time, in the case's recorded global start order: a failure that came
    /// from an interleaving of users is reproduced deterministically.
    case global
}
