import Devnet
import Networks
import Testing

/// SPEC 7 schedules without tags: they follow the clock, run lazily before each request,
/// catch up in due order with their effective times, and report every job as an event.
@Suite("Devnet scheduler")
struct SchedulerTests {
    static let t0 = AssetNode.start

    /// One job as its `ScheduleJobCompleted` / `ScheduleJobFailed` event reports it.
    struct Job: Equatable, CustomStringConvertible {
        var schedule: String
        var resource: String
        var effectiveTime: Int64
        var description: String { "\(schedule)@\(effectiveTime) of \(resource.prefix(9))" }
    }

    static func jobs(_ t: AssetNode, since: Int64 = 1, type: String = "ScheduleJobCompleted", schedule: String? = nil) async throws
        -> [(job: Job, event: Event)]
    {
        try await t.chain.events(since: since, limit: 10_000, type: type).events.compactMap { e in
            guard let name = e.data["schedule"]?.stringValue, let time = e.data["effective_time"]?.intValue,
                schedule == nil || name == schedule
            else { return nil }
            #expect(e.data["resource"]?.stringValue == e.resource && e.data["tag"] == .null, "untagged: \(e.json)")
            return (Job(schedule: name, resource: e.resource, effectiveTime: time), e)
        }
    }

    @Test("PAY_REDEMPTIONS runs for every agent every 5 s after genesis time, not before")
    func everyFiveSeconds() async throws {
        let t = try AssetNode()
        let agents = try await t.asset.agents().map(\.id)
        #expect(try await Self.jobs(t).isEmpty, "nothing is due at genesis time")
        t.clock.set(Self.t0 + 4)
        #expect(try await Self.jobs(t).isEmpty, "nothing is due 4 s after genesis")
        t.clock.set(Self.t0 + 5)
        let first = try await Self.jobs(t)
        #expect(first.map(\.job) == agents.sorted().map { Job(schedule: "PAY_REDEMPTIONS", resource: $0, effectiveTime: Self.t0 + 5) })
        #expect(first.allSatisfy { $0.event.timestamp == Self.t0 + 5 })
        t.clock.set(Self.t0 + 9)
        #expect(try await Self.jobs(t).count == 5, "the next run is due at +10")
        t.clock.set(Self.t0 + 10)
        let second = try await Self.jobs(t).dropFirst(5)
        #expect(second.map(\.job.effectiveTime) == Array(repeating: Self.t0 + 10, count: 5))
        #expect(Set(second.map(\.job.resource)) == Set(agents))
    }

    @Test("after a clock jump the missed jobs run in due order, each with its own effective time")
    func catchUp() async throws {
        let t = try AssetNode()
        let agents = try await t.asset.agents().map(\.id)
        t.clock.set(Self.t0 + 20)
        let jobs = try await Self.jobs(t)
        #expect(jobs.count == 20, "4 PAY_REDEMPTIONS runs for each of 5 agents: \(jobs.map(\.job))")
        for agent in agents {
            #expect(jobs.filter { $0.job.resource == agent }.map(\.job.effectiveTime) == [5, 10, 15, 20].map { Self.t0 + $0 })
        }
        #expect(jobs.map(\.job.effectiveTime) == jobs.map(\.job.effectiveTime).sorted(), "due order across schedules")
        #expect(jobs.allSatisfy { $0.event.timestamp == Self.t0 + 20 }, "they all ran now")

        // A second jump crosses two EXPIRE_RESERVATIONS runs (+60, +120), interleaved in due order.
        t.clock.set(Self.t0 + 125)
        let all = try await Self.jobs(t)
        let times = all.map(\.job.effectiveTime)
        #expect(times == times.sorted())
        for agent in agents {
            let mine = all.filter { $0.job.resource == agent }
            #expect(mine.filter { $0.job.schedule == "PAY_REDEMPTIONS" }.map(\.job.effectiveTime) == (1...25).map { Self.t0 + 5 * $0 })
            #expect(mine.filter { $0.job.schedule == "EXPIRE_RESERVATIONS" }.map(\.job.effectiveTime) == [Self.t0 + 60, Self.t0 + 120])
        }
        #expect(all.count == 5 * 27)
    }

    @Test("a redemption made between runs is paid by the next run, even when that run is caught up late")
    func catchUpPays() async throws {
        let t = try AssetNode()
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 25)
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        t.clock.set(Self.t0 + 7)
        let receipt = try await alice.send(t.asset.redeem(lots: 1, agent: agent.id))
        let id = try #require(receipt.result?["requests"]?.arrayValue?.first?["request_id"]?.intValue)
        t.clock.set(Self.t0 + 30)
        #expect(try await t.asset.redemption(id).status == "SUCCESSFUL")
        let paid = try #require(try await t.chain.events(since: 1, type: "RedemptionPaid").events.first)
        let run = try await Self.jobs(t, since: paid.seq).first { $0.job.resource == agent.id }
        #expect(run?.job.effectiveTime == Self.t0 + 10, "the run at +10 paid it, not a later one")
    }

    @Test("a job that fails emits ScheduleJobFailed with its error; later runs retry on schedule")
    func failedJob() async throws {
        // No minting fee, no redemption fee, no UND of its own: the agent holds exactly the minted
        // value and cannot pay a full redemption plus the 12-drop fee.
        let t = try AssetNode(genesis: try AssetNode.genesis(agents: [["fee_bips": 0, "underlying_balance": "0"]],
            asset: ["redemption_fee_bips": 0]))
        let (alice, aliceUnd) = try await t.user(try TestKeys.alice())
        let agent = try await t.agent(fee: 0)
        try await t.mint(1, on: agent.id, by: alice, payer: aliceUnd)
        let receipt = try await alice.send(t.asset.redeem(lots: 1, agent: agent.id))
        let id = try #require(receipt.result?["requests"]?.arrayValue?.first?["request_id"]?.intValue)
        t.clock.set(Self.t0 + 10)
        let failed = try await Self.jobs(t, type: "ScheduleJobFailed")
        #expect(failed.map(\.job) == [5, 10].map { Job(schedule: "PAY_REDEMPTIONS", resource: agent.id, effectiveTime: Self.t0 + $0) })
        #expect(failed.allSatisfy { $0.event.data["error"] == "AgentUnderlyingInsufficient" }, "\(failed.map(\.event.json))")
        let pending = try await t.asset.redemption(id)
        #expect(pending.status == "PENDING" && pending.paymentHash == nil && !pending.paymentFailed, "nothing was paid")
        #expect(try await t.und.balance(of: try #require(agent.paymentAddress)) == AssetSpec.lotSize)
        // 12 drops more and the next run pays.
        try await t.chain.faucet(agent.id, nat: 0, und: AssetSpec.undFee)
        t.clock.set(Self.t0 + 15)
        #expect(try await t.asset.redemption(id).status == "SUCCESSFUL")
        #expect(try await t.und.balance(of: try #require(agent.paymentAddress)) == 0)
        #expect(try await Self.jobs(t, type: "ScheduleJobFailed").count == 2)
        #expect(try await Self.jobs(t, schedule: "PAY_REDEMPTIONS").map(\.job.effectiveTime) == [Self.t0 + 15])
    }

    @Test("ACCRUE_POOL_REWARDS runs at the first midnight after opening and adds floor(C·2/10_000)")
    func poolRewards() async throws {
        let midnight = CollateralPoolTests.midnight
        let collateral = 1_234_567 * Units.nat + 4_999
        let t = try AssetNode(genesis: try AssetNode.genesis(agents: [["fee_bips": 25, "pool_collateral": .string(String(collateral))]]),
            start: midnight - 10)
        let agent = try await t.agent(fee: 25)
        t.clock.set(midnight - 1)
        #expect(try await t.asset.pool(ofAgent: agent.id).totalCollateral == collateral)
        t.clock.set(midnight + 3)
        let reward = collateral * 2 / 10_000
        #expect(reward == 246_913_400_000_000_000_000, "floored: the 4_999 wei add nothing")
        let pool = try await t.asset.pool(ofAgent: agent.id)
        #expect(pool.totalCollateral == collateral + reward && pool.totalSupply == collateral, "rewards raise C, not S")
        let runs = try await Self.jobs(t, schedule: "ACCRUE_POOL_REWARDS")
        #expect(runs.map(\.job) == [Job(schedule: "ACCRUE_POOL_REWARDS", resource: agent.pool, effectiveTime: midnight)])
        let accrued = try await t.chain.events(since: 1, type: "PoolRewardsAccrued").events
        #expect(accrued.count == 1 && accrued.first?.data["reward"] == Amount.wire(reward))
    }
}
