import Networks

/// SPEC 6's arithmetic applied to what an action did: the state the user must be in.
public enum ExpectedState {
    /// Derives the expected state from the state before the action and its effects.
    ///
    /// Every amount follows from SPEC formulas and the action's inputs, never from the
    /// node's results, except pool tokens and payouts, which depend on other users; those
    /// are taken from the results after checking the bounds SPEC implies (a pool token's
    /// NAT value never decreases: entries and exits round in the pool's favour and rewards
    /// only add collateral).
    public static func standard(before: UserState, effects e: Effects, settings s: AssetSettingsInfo) -> StateExpectation {
        var state = before
        var violations: [Mismatch] = []
        var locks = before.pools.mapValues(\.locks)
        let lot = s.lotSize
        state.nat -= e.gasFees
        state.nat -= e.reservedLots.reduce(0) { $0 + s.reservationFee(lots: $1) }
        state.nat += e.defaultedValues.reduce(0) { $0 + s.defaultPayment(valueUBA: $1) }
        state.und -= e.underlyingFees
        state.und -= e.mintingPayments.reduce(0) { $0 + Int128($1.lots) * lot + s.mintingFee(lots: $1.lots, agentFeeBips: $1.feeBips) }
        state.fund += Int128(e.executedLots) * lot - Int128(e.redeemedLots) * lot
        state.nat -= e.natSent
        state.und -= e.undSent
        state.fund -= e.fundSent
        for entry in e.poolEntries {
            if state.poolsBefore[entry.agent] == nil, state.feeBaselines[entry.agent] == nil {
                state.feeBaselines[entry.agent] = entry.before.feesReceived
            }
            state.nat -= entry.nat
            state.pools[entry.agent, default: PoolHolding()].tokens += entry.tokens
            if let unlockAt = entry.unlockAt { locks[entry.agent, default: []].append(PoolLock(tokens: entry.tokens, unlockAt: unlockAt)) }
            if let v = entryViolation(entry) { violations.append(v) }
        }
        for exit in e.poolExits {
            state.nat += exit.nat
            state.pools[exit.agent, default: PoolHolding()].tokens -= exit.tokens
            if let v = exitViolation(exit) { violations.append(v) }
        }
        for w in e.feeWithdrawals {
            state.fund += w.amount
            state.pools[w.agent, default: PoolHolding()].fees -= w.amount
        }
        for t in e.tokensSent { state.pools[t.agent, default: PoolHolding()].tokens -= t.tokens }
        for id in e.untrackedReservations { state.reservations[id] = nil }
        for id in e.untrackedRedemptions { state.redemptions[id] = nil }
        for (id, status) in e.reservationStatus { state.reservations[id] = status }
        for (id, status) in e.redemptionStatus { state.redemptions[id] = status }
        var expectation = StateExpectation(state: state, violations: violations)
        // The most tokens the user held at any moment of the action: before, plus every entry and
        // every token received (exits and transfers out only lower it).
        var peak = before.pools.mapValues(\.tokens)
        for entry in e.poolEntries { peak[entry.agent, default: 0] += entry.tokens }
        for t in e.tokensSent where t.tokens < 0 { peak[t.agent, default: 0] -= t.tokens }
        expectation.tokensBefore = peak
        expectation.locks = locks
        return expectation
    }

    /// Tokens for an entry lie between `floor(amount·S/C)` after and before it (or equal the
    /// amount in an empty pool).
    static func entryViolation(_ m: Effects.PoolMove) -> Mismatch? {
        let field = "pool[\(m.agent.prefix(10))].tokens_received"
        if m.before.supply == 0 {
            return m.tokens == m.nat ? nil : Mismatch(field: field, expected: String(m.nat), actual: String(m.tokens))
        }
        let upper = Amount.mulDiv(m.nat, m.before.supply, m.before.collateral) ?? Int128.max
        let lower = Amount.mulDiv(m.nat, m.after.supply, m.after.collateral) ?? 0
        guard m.tokens < lower || m.tokens > upper else { return nil }
        return Mismatch(field: field, expected: "[\(lower), \(upper)]", actual: String(m.tokens))
    }

    /// NAT paid for an exit lies between `floor(tokens·C/S)` before and after it.
    static func exitViolation(_ m: Effects.PoolMove) -> Mismatch? {
        let lower = Amount.mulDiv(m.tokens, m.before.collateral, m.before.supply) ?? 0
        let upper = m.after.supply == 0 ? m.before.collateral : (Amount.mulDiv(m.tokens, m.after.collateral, m.after.supply) ?? Int128.max)
        guard m.nat < lower || m.nat > upper else { return nil }
        return Mismatch(field: "pool[\(m.agent.prefix(10))].nat_paid", expected: "[\(lower), \(upper)]", actual: String(m.nat), asset: .nat)
    }

    /// Explains what happened without the user between two reads: an agent's bot paid one
    /// of its requests (`PENDING` → `SUCCESSFUL`, UND + `pay_uba` by SPEC's formula), or
    /// a reservation left unpaid past its deadline expired. Anything else stays a mismatch.
    public static func reconcile(_ expectation: inout StateExpectation, actual: UserState, book: UserBook, settings s: AssetSettingsInfo) {
        for held in book.redemptions {
            let id = held.request.requestID
            guard expectation.state.redemptions[id] == "PENDING", actual.redemptions[id] == "SUCCESSFUL" else { continue }
            let value = Int128(held.request.lots) * s.lotSize
            expectation.state.redemptions[id] = "SUCCESSFUL"
            expectation.state.und += value - value * Int128(s.redemptionFeeBips) / 10_000
        }
        for held in book.mintings {
            let id = held.reservation.reservationID
            guard expectation.state.reservations[id] == "RESERVED", actual.reservations[id] == "EXPIRED" else { continue }
            expectation.state.reservations[id] = "EXPIRED"
        }
    }
}
