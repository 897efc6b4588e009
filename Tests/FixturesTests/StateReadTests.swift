@testable import Fixtures
import Foundation
import Networks
import Synchronization
import Testing

/// The state read after every action asks for each pending request's status once, bracketed by
/// two reads of the UND balance, and for each pool's totals once after the holder's position
/// once the run has read that pool. When the two UND reads differ (a bot paid during the
/// read) the whole read is taken again.
@Suite("State reads: one status per request, pool totals once known, again when UND moved", .timeLimit(.minutes(5)))
struct StateReadTests {
    /// Passes every request to the node and keeps the read names of each batch (a contract
    /// read by its method); when told to, raises the last UND balance of the next batch by a
    /// drop, as a bot's payment landing between the two UND reads would.
    final class Spy: Transport {
        let base: any Transport
        private let state = Mutex<(batches: [[String]], raiseNextUND: Bool)>(([], false))

        init(base: any Transport) { self.base = base }

        var batches: [[String]] { state.withLock { $0.batches } }
        func raiseNextUND() { state.withLock { $0.raiseNextUND = true } }
        func clear() { state.withLock { $0.batches = [] } }

        func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
            let answer = try await base.roundTrip(body)
            guard case .array(let requests) = try JSON.parse(body) else { return answer }
            let names = requests.map { r in
                r["method"]?.stringValue == "nat_call" ? (r["params"]?["method"]?.stringValue ?? "nat_call") : (r["method"]?.stringValue ?? "?")
            }
            let raise = state.withLock { s in
                s.batches.append(names)
                defer { s.raiseNextUND = false }
                return s.raiseNextUND
            }
            guard raise, case .array(var answers) = try JSON.parse(answer),
                let last = names.lastIndex(of: "und_getBalance"), last < answers.count,
                case .object(var item) = answers[last], let und = item["result"]?.stringValue, let value = Int128(und)
            else { return answer }
            item["result"] = .string(String(value + 1))
            answers[last] = .object(item)
            return Array(JSON.array(answers).canonicalBytes)
        }
    }

    /// Runs `body` with a one-user run on the embedded devnet and a second view of its user
    /// whose requests go through a `Spy`.
    static func withSpiedUser(_ body: @Sendable (LoadUser, LoadUser, Spy) async throws -> Void) async throws {
        let test = try #require(Test.current)
        try await LoadUsersTrait(count: 1).provideScope(for: test, testCase: Test.Case.current) {
            let run = try LoadRun.current
            let user = try #require(run.users.first)
            let spy = Spy(base: run.context.chain.rpc.transport)
            let context = try await ConnectionContext(chain: NativeChain(rpc: RPCClient(transport: spy)), info: run.context.info)
            let spied = LoadUser(index: user.index, key: try KeyPair(seedHex: user.record.seedHex), role: .user, partner: nil,
                connection: context, seed: 0, keystore: user.keystore, opLog: nil, userLog: nil, record: user.record)
            try await body(user, spied, spy)
        }
    }

    @Test("each pending request's status is read once between two UND reads; a known pool's totals once, after the position")
    func readsEachThingOnce() async throws {
        try await Self.withSpiedUser { user, spied, spy in
            // The last public agent: other tests' redemptions draw from the lowest ids first, so
            // the lots just minted on it are still there to redeem (tried three times at most).
            let agent = try #require(user.agents.last, "a public agent")
            var requests: [RedemptionRequest] = []
            for _ in 0..<3 where requests.isEmpty {
                _ = try await MintActions.mint(user, agent: agent, lots: 2, executeNow: true)
                requests = try await RedeemActions.redeem(user, lots: 2, agent: agent.id)
            }
            _ = try await PoolActions.enter(user, agent: agent.id, amount: 10 * Units.nat)
            spied.record = user.record
            spied.pools = user.pools
            let pending = spied.book.redemptions.count
            #expect(pending >= requests.count && pending >= 1, "the redeem left pending requests to read")

            _ = try await spied.readState()
            _ = try await spied.readState()
            let batches = spy.batches
            try #require(batches.count == 2, "one batch per read: \(batches)")
            for (n, batch) in batches.enumerated() {
                #expect(batch.first == "und_getBalance" && batch.last == "und_getBalance", "UND first and last: \(batch)")
                #expect(batch.filter { $0 == "und_getBalance" }.count == 2)
                #expect(batch.filter { $0 == "get_redemption" }.count == pending, "one status per pending request in read \(n + 1)")
                #expect(batch.filter { $0 == "get_pool_holder" }.count == 1)
            }
            #expect(batches[0].filter { $0 == "get_pool" }.count == 2, "a pool the run has not read yet: before and after the position")
            #expect(batches[1].filter { $0 == "get_pool" }.count == 1, "once known: only after the position")
            let holder = try #require(batches[1].firstIndex(of: "get_pool_holder"))
            #expect(batches[1].firstIndex(of: "get_pool").map { $0 > holder } == true, "the pool's totals follow the position")
        }
    }

    @Test("a UND balance that moved during the read makes the whole read start again")
    func movedUNDReadsAgain() async throws {
        try await Self.withSpiedUser { user, spied, spy in
            spied.record = user.record
            let und = try await UnderlyingChain(rpc: user.native.chain.rpc).balance(of: user.underlying.address)
            spy.raiseNextUND()
            let state = try await spied.readState()
            #expect(spy.batches.count == 2, "the first read saw UND move and was taken again")
            #expect(state.und == und, "the state is the second read's, whose two UND reads agree")
        }
    }
}
