import Networks

/// Redemption (SPEC 6): requests placed on agents, and defaults after their deadline. As for
/// minting, every new value is computed (checked) before anything changes.
extension AssetManagerContract {
    /// One agent's share of a redemption, with the values it will take.
    private struct Placement {
        let agent: Agent
        let lots: Int64
        let value: Int128
        let fee: Int128
        let mintedLots: Int64
        let redeemingLots: Int64
        let redeemedLots: Int64
    }

    /// Places `lots` on the named agent, or on public agents in ascending id order, each up
    /// to its minted lots; burns FUND for placed lots only.
    static func redeem(_ a: AssetLedger, _ x: Execution, lots: Int64, named: String?) throws(ContractError) -> JSON {
        try x.require(lots > 0, .redemptionLotsPositive, or: E.notPositiveLots)
        let s = a.settings
        let wanted = try Int128(lots).multiplied(by: s.lotSize, or: E.overflow)
        try x.require(a.fund.balance(x.sender) >= wanted, .fundRedeemMoreThanHeld, or: E.insufficientFund)
        let candidates = try named.map { id throws(ContractError) in [try a.agent(id)] } ?? a.publicAgents
        // Plan every placement first, so that an overflow on the last agent leaves the first untouched.
        var remaining = lots
        var placements: [Placement] = []
        var burned: Int128 = 0
        var nextID = a.nextRedemptionID
        for agent in candidates where remaining > 0 && agent.mintedLots > 0 {
            let placed = min(remaining, agent.mintedLots)
            remaining -= placed
            let value = try Int128(placed).multiplied(by: s.lotSize, or: E.overflow)
            placements.append(Placement(
                agent: agent, lots: placed, value: value,
                fee: try mulDiv(value, Int128(s.redemptionFeeBips), 10_000, or: E.overflow),
                mintedLots: agent.mintedLots - placed,
                redeemingLots: try agent.redeemingLots.adding(placed, or: E.overflow),
                redeemedLots: try agent.redeemedLots.adding(placed, or: E.overflow)))
            burned = try burned.adding(value, or: E.overflow)
            nextID = try nextID.adding(1, or: E.overflow)
        }
        guard a.fund.canBurn(x.sender, burned) else { throw E.overflow }
        let deadline = try x.blockTime.adding(s.redemptionPaymentWindow, or: E.overflow)

        var requests: [JSON] = []
        for p in placements {
            p.agent.mintedLots = p.mintedLots
            p.agent.redeemingLots = p.redeemingLots
            p.agent.redeemedLots = p.redeemedLots
            let id = a.nextRedemptionID
            a.nextRedemptionID += 1
            let request = Redemption(id: id, redeemer: x.sender, agent: p.agent.id, lots: p.lots, valueUBA: p.value, feeUBA: p.fee,
                payUBA: p.value - p.fee, paymentReference: Digest.sha256Hex(Array("redemption/\(x.ledger.genesis.chainID)/\(id)".utf8)),
                createdAt: x.blockTime, deadline: deadline)
            a.store(request)
            a.fund.burn(x.sender, p.value)
            x.ledger.events.stage(type: "RedemptionRequested", resource: p.agent.id, timestamp: x.blockTime, data: request.json)
            requests.append([
                "request_id": .int(id), "agent": .string(p.agent.id), "lots": .int(p.lots), "value_uba": Amount.wire(p.value),
                "fee_uba": Amount.wire(p.fee), "pay_uba": Amount.wire(p.value - p.fee),
                "payment_reference": .string(request.paymentReference), "deadline": .int(deadline),
            ])
        }
        return ["requests": .array(requests), "remaining_lots": .int(remaining)]
    }

    /// The redeemer claims `floor(value_uba·wei_per_uba·(10_000 + premium) / 10_000)` NAT from
    /// the agent's vault for a request still pending after its deadline.
    static func paymentDefault(_ a: AssetLedger, _ x: Execution, id: Int64) throws(ContractError) -> JSON {
        guard var request = a.redemptions[id] else { throw E.unknownRedemption }
        try x.require(x.sender == request.redeemer, .redemptionDefaultByOther, or: E.unauthorized)
        try x.require(request.status == .pending, .redemptionDefaultNotPending, or: E.redemptionNotPending)
        // The agent's time: a test that fast-forwarded its PAY_REDEMPTIONS past the deadline has passed it.
        let agentTime = x.ledger.scheduler.time(of: .payRedemptions, resource: request.agent, now: x.blockTime)
        try x.require(agentTime > request.deadline, .redemptionDefaultBeforeDeadline, or: E.deadlineNotPassed)
        let agent = try a.agent(request.agent)
        let bips = 10_000 + Int128(a.settings.redemptionDefaultPremiumBips)
        guard let valueWei = a.wei(uba: request.valueUBA) else { throw E.overflow }
        let premium = try mulDiv(valueWei, bips, 10_000, or: E.overflow)
        try x.require(agent.vault >= premium, .redemptionVaultCoversDefault, or: E.vaultInsufficient)
        let vault = try agent.vault.subtracting(premium, or: E.overflow)
        guard x.ledger.canCredit(request.redeemer, premium) else { throw E.overflow }
        let redeemingLots = try agent.redeemingLots.subtracting(request.lots, or: E.overflow)
        let freeLots = try agent.freeLots.adding(request.lots, or: E.overflow)

        agent.vault = vault
        x.ledger.credit(request.redeemer, premium)
        agent.redeemingLots = redeemingLots
        agent.freeLots = freeLots
        request.status = .defaulted
        request.defaultPaid = premium
        a.store(request)
        x.ledger.events.stage(type: "RedemptionDefaulted", resource: agent.id, timestamp: x.blockTime, data: request.json)
        return ["request_id": .int(id), "paid_nat": Amount.wire(premium)]
    }
}
