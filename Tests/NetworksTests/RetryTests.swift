import Networks
import Synchronization
import Testing

/// A transport that fails its first `failures` round trips with `error`, then answers every
/// request with `result`; it counts what it was sent.
final class FlakyTransport: Transport {
    let failures: Int
    let error: any Error & Sendable
    let result: JSON
    private let sent = Mutex(0)

    init(failures: Int, error: any Error & Sendable, result: JSON = "42") {
        self.failures = failures
        self.error = error
        self.result = result
    }

    var requests: Int { sent.withLock { $0 } }

    func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        let n = sent.withLock { count -> Int in
            count += 1
            return count
        }
        if n <= failures { throw error }
        let request = try JSON.parse(body)
        return JSON.object(["jsonrpc": "2.0", "id": request["id"] ?? .null, "result": result]).canonicalBytes
    }
}

/// Lost answers: reads are retried with bounded back-off and counted; writes are not
/// retried by the client (the signing account resolves them); real answers never are.
@Suite("RPC client retries")
struct RetryTests {
    static let fast = RetryPolicy(attempts: 4, initialDelay: .milliseconds(1), maxDelay: .milliseconds(4))

    @Test("a read whose answer is lost is sent again until answered, and counted", arguments: [
        TransportError.curl(code: 52, message: "Empty reply from server", url: "x"), TransportError.httpStatus(503, body: ""),
        TransportError.httpStatus(502, body: ""), TransportError.httpStatus(500, body: ""),
    ])
    func readRetried(error: TransportError) async throws {
        let transport = FlakyTransport(failures: 3, error: error)
        let rpc = RPCClient(transport: transport, retryPolicy: Self.fast)
        #expect(try await rpc.call("nat_getBalance", ["address": "n0"]) == "42")
        #expect(transport.requests == 4)
        #expect(rpc.counters.snapshot.faultsSeen == 3 && rpc.counters.snapshot.retries == 3)
    }

    @Test("an unreadable body is a lost answer too")
    func unreadable() async throws {
        let empty: JSONParseError
        do { _ = try JSON.parse(""); return } catch { empty = error }
        let transport = FlakyTransport(failures: 1, error: empty)
        let rpc = RPCClient(transport: transport, retryPolicy: Self.fast)
        #expect(try await rpc.call("events_since", ["seq": 1]) == "42")
        #expect(rpc.counters.snapshot.retries == 1)
    }

    @Test("retries are bounded: after the policy's attempts the last error surfaces")
    func bounded() async throws {
        let transport = FlakyTransport(failures: 100, error: TransportError.httpStatus(503, body: ""))
        let rpc = RPCClient(transport: transport, retryPolicy: Self.fast)
        await #expect(throws: TransportError.self) { try await rpc.call("nat_getNonce", ["address": "n0"]) }
        #expect(transport.requests == 4)
        #expect(rpc.counters.snapshot == { var s = ResilienceStats(); s.faultsSeen = 4; s.retries = 3; return s }())
    }

    @Test("a write is sent once by the client, so it can never be paid twice blindly", arguments: [
        "nat_sendTransaction", "und_sendPayment", "und_setDepositBlocked", "devnet_faucet",
    ])
    func writesOnce(method: String) async throws {
        let transport = FlakyTransport(failures: 1, error: TransportError.httpStatus(503, body: ""))
        let rpc = RPCClient(transport: transport, retryPolicy: Self.fast)
        await #expect(throws: TransportError.self) { try await rpc.call(method, [:]) }
        #expect(transport.requests == 1)
        #expect(rpc.counters.snapshot.faultsSeen == 1 && rpc.counters.snapshot.retries == 0)
    }

    @Test("an HTTP 4xx or a shut-down transport is not a lost answer")
    func notLost() {
        #expect(!isLostAnswer(TransportError.httpStatus(404, body: "")))
        #expect(!isLostAnswer(TransportError.shutDown))
        #expect(!isLostAnswer(RPCError(code: -32603, message: "x")))
        #expect(isLostAnswer(TransportError.httpStatus(503, body: "")))
    }

    @Test("back-off doubles from the initial delay up to the maximum")
    func backOff() {
        let policy = RetryPolicy(attempts: 10, initialDelay: .milliseconds(20), maxDelay: .milliseconds(100))
        #expect((1...6).map(policy.delay(after:)) == [.milliseconds(20), .milliseconds(40), .milliseconds(80), .milliseconds(100),
            .milliseconds(100), .milliseconds(100)])
        #expect(RetryPolicy.none.attempts == 1)
    }
}
