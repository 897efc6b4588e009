/// Resolves a write whose answer was lost, without ever paying twice: look the signed
/// transaction up by its hash first; if the node has it, that is the outcome; if not, send the
/// very same signed transaction again (same nonce or sequence, so at most one can be
/// included), with back-off, up to the client's retry policy.
///
/// A refusal for the nonce may also mean that this very transaction was included by an
/// earlier attempt (ours, or one libcurl re-sent by itself on a fresh connection after the
/// old one closed), so it is looked up before the refusal is believed.
struct LostWrite<Outcome: Sendable> {
    let rpc: RPCClient
    /// Sends the signed transaction once.
    let send: () async throws -> Outcome
    /// The included transaction by hash, or nil when the node does not have it.
    let lookup: () async throws -> Outcome?

    func run() async throws -> Outcome {
        var tries = 0
        while true {
            tries += 1
            do {
                return try await send()
            } catch let error as RPCError where error.code == RPCErrorCode.wrongNonce {
                if let outcome = try await resolve() {
                    // An answer was lost on the way, unseen: count it like one that was seen.
                    rpc.counters.record { $0.faultsSeen += 1 }
                    return outcome
                }
                throw error
            } catch where isLostAnswer(error) {
                if let outcome = try await resolve() { return outcome }
                guard tries < rpc.retryPolicy.attempts else { throw error }
                rpc.counters.record { $0.retries += 1 }
                try await Task.sleep(for: rpc.retryPolicy.delay(after: tries))
            }
        }
    }

    private func resolve() async throws -> Outcome? {
        rpc.counters.record { $0.lookups += 1 }
        guard let outcome = try await lookup() else { return nil }
        rpc.counters.record { $0.foundIncluded += 1 }
        return outcome
    }
}

extension RPCError {
    /// The node answered that it has no transaction with the hash asked for.
    var isUnknownTransaction: Bool { code == RPCErrorCode.unknownTransaction }
}
