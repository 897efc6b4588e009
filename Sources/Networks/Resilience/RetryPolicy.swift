/// How a lost answer is retried: at most `attempts` tries in all, waiting `initialDelay`,
/// then twice as long each time, never more than `maxDelay`.
///
/// Reads are retried as they are; a write is first looked up (its hash) and re-sent only when
/// the node does not have it, always as the same signed transaction, so it is never paid twice.
public struct RetryPolicy: Sendable, Equatable {
    public var attempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration

    public init(attempts: Int = 8, initialDelay: Duration = .milliseconds(20), maxDelay: Duration = .seconds(1)) {
        self.attempts = max(attempts, 1)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The default: 8 tries over about 3 s.
    public static let standard = RetryPolicy()
    /// One try: every lost answer surfaces at once.
    public static let none = RetryPolicy(attempts: 1)

    /// The wait before try `n + 1` (n ≥ 1 tries made).
    public func delay(after n: Int) -> Duration {
        var d = initialDelay
        for _ in 1..<max(n, 1) where d < maxDelay { d *= 2 }
        return min(d, maxDelay)
    }
}

/// Whether `error` means the answer to a request was lost (the request may or may not have
/// run): the connection failed or closed, a 5xx status came back, or the body was not a
/// JSON-RPC answer. A JSON-RPC error object is an answer, never a lost one.
public func isLostAnswer(_ error: any Error) -> Bool {
    switch error {
    case is RPCError: false
    case let error as TransportError:
        switch error {
        case .curl: true
        case .httpStatus(let status, _): status >= 500
        case .shutDown: false
        }
    case is JSONParseError: true
    default: false
    }
}
