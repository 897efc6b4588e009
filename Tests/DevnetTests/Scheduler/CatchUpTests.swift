import Devnet
import Networks
import Testing

/// A long backlog of due jobs (a backdated agent's years, a far fast-forward) is worked off
/// in bounded batches: requests keep being answered, and the jobs still run one at a time
/// per schedule in due order (SPEC 7).
@Suite("Devnet scheduler catch-up", .timeLimit(.minutes(5)))
struct CatchUpTests {
    static let backlog = 100_000

    /// An agent opened `jobs × 5` seconds ago whose PAY_REDEMPTIONS follows an open tag, so
    /// exactly `jobs` of its jobs are due; its other schedules are held.
    static func backlogged(_ jobs: Int, node t: AssetNode) async throws -> CreatedAgent {
        try await t.chain.faucet(t.node.adminKey.address, nat: 1_000 * Units.nat)
        let admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
        let schedules = Schedules(chain: t.chain)
        _ = try await admin.send(schedules.createTag("open", paused: false))
        _ = try await admin.send(schedules.createTag("held"))
        let receipt = try await admin.send(t.asset.createAgent(feeBips: 10, openingTime: AssetNode.start - Int64(jobs) * 5,
            tags: [.payRedemptions: "open", .expireReservations: "held", .accruePoolRewards: "held"]))
        return try CreatedAgent(json: receipt.result ?? .null)
    }

    /// The effective times of the agent's PAY_REDEMPTIONS job events, in seq order: every
    /// page, or only the first (each read may run more jobs of a backlog that never ends).
    static func jobTimes(_ t: AssetNode, agent: String, firstPageOnly: Bool = false) async throws -> [Int64] {
        var times: [Int64] = []
        var seq: Int64 = 1
        while true {
            let page = try await t.chain.events(since: seq, limit: 10_000, type: "ScheduleJobCompleted", resource: agent)
            times += page.events.compactMap { $0.data["effective_time"]?.intValue }
            guard !firstPageOnly, page.nextSeq > seq, !page.events.isEmpty else { return times }
            seq = page.nextSeq
        }
    }

    @Test("a backlog of 100,000 due jobs does not stop nat_getBalance, and every job still runs in due order")
    func backlogStaysResponsive() async throws {
        let t = try AssetNode()
        let agent = try await Self.backlogged(Self.backlog, node: t)
        let alice = try TestKeys.alice().address
        #expect(try await t.chain.balance(of: alice) == 0, "the read is answered with the backlog pending")
        #expect(t.node.hasDueJobs, "the read did not wait for the whole backlog")
        let ranSoFar = try await Self.jobTimes(t, agent: agent.agent, firstPageOnly: true).count
        #expect(ranSoFar <= 10 * DevnetNode.jobsPerRequest, "each request ran at most its bound, not the backlog: \(ranSoFar)")

        var ticks: [Int] = []
        while case let ran = t.node.runDueJobs(), ran > 0 { ticks.append(ran) }
        #expect(ticks.allSatisfy { $0 <= DevnetNode.jobsPerTick }, "a tick runs at most \(DevnetNode.jobsPerTick) jobs")
        #expect(ticks.count >= 90, "the backlog took many ticks: \(ticks.count)")
        let times = try await Self.jobTimes(t, agent: agent.agent)
        let opened = AssetNode.start - Int64(Self.backlog) * 5
        #expect(times.count == Self.backlog, "every due job ran exactly once")
        #expect(times == (1...Int64(Self.backlog)).map { opened + 5 * $0 }, "one at a time, in due order, each with its effective time")
    }

    @Test("a tag fast-forwarded ten years ahead keeps requests answering while its jobs run in bounded batches")
    func farFastForward() async throws {
        let t = try AssetNode()
        let agent = try await Self.backlogged(0, node: t)
        let admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
        let tenYears = AssetNode.start + 10 * 365 * 86_400
        let update = try await admin.send(Schedules(chain: t.chain).updateTag("open", fastForwardUntil: .set(tenYears)))
        #expect(update.status == .success, "\(update.json)")
        #expect(try await t.chain.balance(of: agent.agent) == 0)
        let times = try await Self.jobTimes(t, agent: agent.agent, firstPageOnly: true)
        #expect(!times.isEmpty && times.count <= 4 * DevnetNode.jobsPerRequest, "\(times.count) jobs ran so far")
        #expect(times == (1...Int64(times.count)).map { AssetNode.start + 5 * $0 }, "in due order from the opening")
    }

    @Test("the HTTP server's scheduler works off a backlog between requests", .timeLimit(.minutes(2)))
    func serverDrains() async throws {
        let t = try AssetNode()
        let agent = try await Self.backlogged(20_000, node: t)
        let server = try await EmbeddedDevnetServer.start(node: t.node)
        let http = NativeChain(rpc: RPCClient(transport: CurlTransport(url: server.rpcURL)))
        #expect(try await http.balance(of: agent.agent) == 0, "answered over HTTP while the backlog is worked off")
        try await waitUntil("the scheduler to work off 20,000 jobs", timeout: .seconds(90)) { !t.node.hasDueJobs }
        await server.stop()
        #expect(try await Self.jobTimes(t, agent: agent.agent).count == 20_000)
    }
}
