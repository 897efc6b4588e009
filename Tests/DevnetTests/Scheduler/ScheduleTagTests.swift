import Devnet
import Networks
import Testing

/// SPEC 7 tags on the state machine: paused at the epoch, released one job at a time by
/// `pause_at` (past jobs) or `fast_forward_until` (future jobs), catching up in due order,
/// and the admin calls that create tags and tagged, backdated agents.
@Suite("Devnet schedule tags")
struct ScheduleTagTests {
    static let jan1: Int64 = 1_577_836_800  // 2020-01-01 00:00:00 UTC
    static let day: Int64 = 86_400
    static let collateral: Int128 = 1_000 * Units.nat

    /// An asset node with a funded admin account and the scheduler client.
    struct Admin {
        let t: AssetNode
        let admin: Account
        let schedules: Schedules

        init() async throws {
            t = try AssetNode()
            try await t.chain.faucet(t.node.adminKey.address, nat: 1_000 * Units.nat)
            admin = Account(key: t.node.adminKey, chain: t.chain, chainID: t.node.genesis.chainID)
            schedules = Schedules(chain: t.chain)
        }

        @discardableResult
        func send(_ call: Call, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSON {
            let receipt = try await admin.send(call)
            #expect(receipt.status == .success, "\(call.method) reverted: \(receipt.json)", sourceLocation: sourceLocation)
            #expect(receipt.gasUsed == Spec.adminGas, sourceLocation: sourceLocation)
            return receipt.result ?? .null
        }

        /// A private agent whose named schedules are bound to `tag`.
        func agent(opened: Int64? = nil, tag: String, on names: [ScheduleName]) async throws -> CreatedAgent {
            try CreatedAgent(json: try await send(t.asset.createAgent(feeBips: 30, openingTime: opened,
                tags: Dictionary(uniqueKeysWithValues: names.map { ($0, tag) }), poolCollateral: ScheduleTagTests.collateral)))
        }

        func collateral(_ agent: CreatedAgent) async throws -> Int128 { try await t.asset.pool(ofAgent: agent.agent).totalCollateral }
    }

    static func accrued(_ c: Int128, days: Int) -> Int128 {
        var c = c
        for _ in 0..<days { c += c * 2 / 10_000 }
        return c
    }

    @Test("a new tag is paused at the epoch, so a backdated pool's due jobs wait for the test")
    func pausedAtEpoch() async throws {
        let a = try await Admin()
        let created = try await a.send(a.schedules.createTag("t1"))
        #expect(created == ["id": "t1", "pause_at": 0, "fast_forward_until": .null])
        let agent = try await a.agent(opened: Self.jan1, tag: "t1", on: [.accruePoolRewards])
        let pool = try await a.schedules.schedule(.accruePoolRewards, of: agent.pool)
        #expect(pool.nextRun == Self.jan1 + Self.day && pool.tag == "t1" && pool.lastRun == nil, "\(pool)")
        #expect(try await a.schedules.jobs(.accruePoolRewards, of: agent.pool).isEmpty, "1,400 days are due, none may run")
        #expect(try await a.collateral(agent) == Self.collateral)
        let untagged = try await a.schedules.schedule(.payRedemptions, of: agent.agent)
        #expect(untagged.tag == nil && untagged.nextRun == AssetNode.start + 5, "an untagged schedule of a backdated agent starts now")
    }

    @Test("pause_at just after the next run releases exactly that job, with its effective time")
    func pauseAtReleasesOneJob() async throws {
        let a = try await Admin()
        try await a.send(a.schedules.createTag("t1"))
        let agent = try await a.agent(opened: Self.jan1, tag: "t1", on: [.accruePoolRewards])
        for n in 1...2 {
            let next = Self.jan1 + Int64(n) * Self.day
            try await a.send(a.schedules.updateTag("t1", pauseAt: .set(next + 1)))
            let jobs = try await a.schedules.jobs(.accruePoolRewards, of: agent.pool)
            #expect(jobs.map(\.effectiveTime) == (1...n).map { Self.jan1 + Int64($0) * Self.day }, "\(jobs)")
            #expect(jobs.allSatisfy { $0.status == .succeeded && $0.completedAt == AssetNode.start })
            #expect(try await a.collateral(agent) == Self.accrued(Self.collateral, days: n))
        }
        let events = try await a.t.chain.events(since: 1, type: "ScheduleJobCompleted", resource: agent.pool).events
        #expect(events.map { $0.data["tag"] } == ["t1", "t1"])
        #expect(events.map { $0.data["effective_time"]?.intValue } == [Self.jan1 + Self.day, Self.jan1 + 2 * Self.day])
    }

    @Test("fast_forward_until runs a future job at once and only that one")
    func fastForward() async throws {
        let a = try await Admin()
        try await a.send(a.schedules.createTag("ff"))
        let agent = try await a.agent(tag: "ff", on: [.accruePoolRewards])
        let midnight = (AssetNode.start / Self.day + 1) * Self.day
        #expect(try await a.schedules.schedule(.accruePoolRewards, of: agent.pool).nextRun == midnight)
        try await a.send(a.schedules.updateTag("ff", fastForwardUntil: .set(midnight + 1)))
        #expect(try await a.schedules.jobs(.accruePoolRewards, of: agent.pool).map(\.effectiveTime) == [midnight])
        #expect(try await a.schedules.schedule(.accruePoolRewards, of: agent.pool).nextRun == midnight + Self.day)
        #expect(try await a.collateral(agent) == Self.accrued(Self.collateral, days: 1))
        a.t.clock.advance(by: 3 * Self.day)
        #expect(try await a.schedules.jobs(.accruePoolRewards, of: agent.pool).count == 1, "pause_at 0 still holds as the clock passes")
    }

    @Test("releasing several days catches up one job at a time in due order, compounding")
    func catchUpOrder() async throws {
        let a = try await Admin()
        try await a.send(a.schedules.createTag("t1"))
        let first = try await a.agent(opened: Self.jan1, tag: "t1", on: [.accruePoolRewards])
        let second = try await a.agent(opened: Self.jan1 + Self.day / 2, tag: "t1", on: [.accruePoolRewards])
        try await a.send(a.schedules.updateTag("t1", pauseAt: .set(Self.jan1 + 4 * Self.day)))
        let events = try await a.t.chain.events(since: 1, type: "ScheduleJobCompleted").events
            .filter { $0.resource == first.pool || $0.resource == second.pool }
        let times = events.compactMap { $0.data["effective_time"]?.intValue }
        #expect(times == times.sorted() && times.count == 8, "4 days of 2 pools in due order: \(times)")
        #expect(try await a.collateral(first) == Self.accrued(Self.collateral, days: 4))
        #expect(try await a.collateral(second) == Self.accrued(Self.collateral, days: 4))
    }

    @Test("unsetting pause_at with null hands the schedule back to the clock")
    func unsetPause() async throws {
        let a = try await Admin()
        try await a.send(a.schedules.createTag("t1"))
        let agent = try await a.agent(opened: AssetNode.start - 10 * Self.day, tag: "t1", on: [.accruePoolRewards])
        let tag = try ScheduleTagInfo(json: try await a.send(a.schedules.updateTag("t1", pauseAt: .unset)))
        #expect(tag.pauseAt == nil && tag.fastForwardUntil == nil)
        #expect(try await a.schedules.jobs(.accruePoolRewards, of: agent.pool).count == 10)
    }

    @Test("a fast-forwarded PAY_REDEMPTIONS passes a redemption's deadline without waiting for the clock")
    func deadlineUnderControl() async throws {
        let a = try await Admin()
        try await a.send(a.schedules.createTag("bot"))
        let agent = try await a.agent(tag: "bot", on: [.payRedemptions])
        let (minter, payer) = try await a.t.user(try TestKeys.key(0x31), nat: 100_000 * Units.nat, und: 100_000 * Units.und)
        try await a.t.mint(2, on: agent.agent, by: minter, payer: payer)
        _ = try await payer.setDepositBlocked(true)
        let redeemed = try RedeemResult(json: try #require(try await minter.send(a.t.asset.redeem(lots: 1, agent: agent.agent)).result))
        let request = try #require(redeemed.requests.first)
        let bot = try await a.schedules.schedule(.payRedemptions, of: agent.agent)
        try await a.send(a.schedules.updateTag("bot", fastForwardUntil: .set(bot.nextRun + 1)))
        #expect(try await a.t.asset.redemption(request.requestID).paymentFailed, "the bot's payment into a blocked account failed")
        let early = try await minter.send(a.t.asset.redemptionPaymentDefault(requestID: request.requestID))
        expectReverted(early, "RedemptionDeadlineNotPassed", gas: AssetSpec.defaultGas)
        try await a.send(a.schedules.updateTag("bot", fastForwardUntil: .set(request.deadline + 5)))
        let jobs = try await a.schedules.jobs(.payRedemptions, of: agent.agent)
        #expect(jobs.last.map { $0.effectiveTime > request.deadline } == true, "\(jobs)")
        let paid = try await minter.send(a.t.asset.redemptionPaymentDefault(requestID: request.requestID))
        #expect(paid.status == .success, "\(paid.json)")
        #expect(a.t.clock.now == AssetNode.start, "the clock never moved")
    }

    @Test("only the admin may create and move tags and create agents")
    func adminOnly() async throws {
        let a = try await Admin()
        try await a.send(a.schedules.createTag("t1"))
        let (user, _) = try await a.t.user(try TestKeys.key(0x32))
        let calls = [a.schedules.createTag("t2"), a.schedules.updateTag("t1", pauseAt: .set(5)), a.t.asset.createAgent(feeBips: 10)]
        for call in calls {
            let receipt = try await user.send(call)
            expectReverted(receipt, "Unauthorized", contract: call.contract == "scheduler" ? "scheduler" : "asset_manager", gas: Spec.adminGas)
        }
        #expect(try await a.schedules.tag("t1").pauseAt == 0, "the refused update changed nothing")
    }

    @Test("bad tag calls are refused with their cause and change nothing")
    func refusals() async throws {
        let a = try await Admin()
        try await a.send(a.schedules.createTag("t1"))
        expectReverted(try await a.admin.send(a.schedules.createTag("t1")), "TagExists", contract: "scheduler", gas: Spec.adminGas)
        expectReverted(try await a.admin.send(a.schedules.updateTag("nope", pauseAt: .set(1))), "UnknownTag", contract: "scheduler",
            gas: Spec.adminGas)
        expectReverted(try await a.admin.send(a.t.asset.createAgent(feeBips: 10, tags: [.payRedemptions: "nope"])), "UnknownTag",
            gas: Spec.adminGas)
        expectReverted(try await a.admin.send(a.t.asset.createAgent(feeBips: 10, openingTime: AssetNode.start + 1)),
            "OpeningTimeInFuture", gas: Spec.adminGas)
        await expectRefusal(RPCErrorCode.invalidParams, naming: "params.tag") {
            try await a.admin.send(a.schedules.createTag("has space"))
        }
        await expectRefusal(RPCErrorCode.invalidParams, naming: "pause_at") {
            try await a.admin.send(a.schedules.updateTag("t1", pauseAt: .set(-1)))
        }
        await expectRefusal(RPCErrorCode.invalidParams, naming: "params.tags.EVERY_HOUR") {
            try await a.admin.send(Call(contract: "asset_manager", method: "create_agent",
                args: ["fee_bips": 10, "tags": ["EVERY_HOUR": "t1"]]))
        }
        await expectRefusal(RPCErrorCode.invalidParams, naming: "fee_bips") {
            try await a.admin.send(a.t.asset.createAgent(feeBips: 10_001))
        }
        await expectRefusal(1000 + 4, naming: "UnknownSchedule") {
            try await a.schedules.jobs(.payRedemptions, of: "c00")
        }
        #expect(try await a.schedules.tag("t1").pauseAt == 0)
    }
}

/// Expects JSON-RPC error `code` whose message names `text`.
func expectRefusal<T>(
    _ code: Int, naming text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async {
    let error = await expectRPCError(code, text, sourceLocation: sourceLocation, body)
    #expect(error?.message.contains(text) == true, "expected a message naming \(text), got \(String(describing: error))",
        sourceLocation: sourceLocation)
}
