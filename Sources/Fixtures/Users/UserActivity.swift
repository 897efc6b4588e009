import Synchronization

/// What a load user is doing right now, readable from any task: the action and its phase
/// (a transaction, a payment, a wait), for the operator's second Ctrl-C and the live line.
final class UserActivity: Sendable {
    struct Now: Sendable {
        var action: String?
        var phase: String?
        var since = ContinuousClock.now
    }

    private let now = Mutex(Now())
    private let claims = Mutex((mintings: 0, redemptions: 0))
    private let waiting = Mutex(false)

    var current: Now { now.withLock { $0 } }

    func begin(_ action: String) { now.withLock { $0 = Now(action: action, phase: "start", since: .now) } }
    func phase(_ phase: String) { now.withLock { $0.phase = phase } }
    func end() { now.withLock { $0 = Now() } }

    /// Pending mintings and redemptions in the user's book.
    var pending: (mintings: Int, redemptions: Int) { claims.withLock { $0 } }
    func setPending(_ book: UserBook) { claims.withLock { $0 = (book.mintings.count, book.redemptions.count) } }

    /// Whether the user found no runnable action at its last look.
    var isIdle: Bool { waiting.withLock { $0 } }
    func setIdle(_ idle: Bool) { waiting.withLock { $0 = idle } }
}
