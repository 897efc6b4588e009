import Networks

/// The whole ledger reduced to a fingerprint, and the conservation rules it breaks, if any.
///
/// For the fuzzer and the devnet's own tests: two audits with the same fingerprint saw the
/// same state (so a refused request that left it unchanged changed nothing), and an empty
/// `violations` says every amount is accounted for.
public struct LedgerAudit: Sendable, Equatable {
    /// A hash of every balance, nonce, contract, agent, pool, schedule and event count (equal
    /// fingerprints within one process mean equal state).
    public let fingerprint: String
    /// Conservation rules the state breaks, each a sentence with the figures.
    public let violations: [String]
}

extension DevnetNode {
    /// Audits the ledger now (under its lock, without running due jobs).
    public func audit() -> LedgerAudit {
        ledger.withLock { ledger in LedgerAudit(fingerprint: ledger.fingerprint, violations: ledger.violations) }
    }

    /// Only the fingerprint of `audit()`: cheaper when the conservation rules are not needed.
    public func fingerprint() -> String { ledger.withLock { $0.fingerprint } }
}

extension Ledger {
    /// A hash of every piece of state, the same for the same state within one process: every
    /// balance, nonce, contract, agent, pool, reservation, redemption, schedule and tag, and
    /// the counts of blocks, receipts, events and underlying transactions. Entries are
    /// combined independently of order, so it is cheap enough to take around every request.
    var fingerprint: String {
        var h = StateHash()
        for (k, v) in balances { h.add("nat", k, v) }
        for (k, v) in nonces { h.add("nonce", k, v) }
        h.add("counts", block, Int64(receipts.count), events.nextSeq)
        h.add("issued", natIssued, undIssued)
        for (k, v) in contractKinds { h.add("contract", k, v.rawValue) }
        for k in creatorKeys.values { k.hash(into: &h) }
        let u = underlying
        for (k, v) in u.balances { h.add("und", k, v) }
        for (k, v) in u.sequences { h.add("sequence", k, v) }
        for k in u.depositBlocked { h.add("blocked", k) }
        h.add("und counts", Int64(u.transactions.count), u.ledgerIndex)
        let a = asset
        for agent in a.agents.values {
            h.add(agent.id, agent.freeLots, agent.reservedLots, agent.mintedLots)
            h.add(agent.id, agent.redeemingLots, agent.executedMintingLots, agent.redeemedLots)
            h.add(agent.id, agent.vault)
        }
        for pool in a.pools.values {
            h.add(pool.id, pool.totalCollateral, pool.totalSupply, pool.feesReceived)
            for (holder, entry) in pool.holders {
                h.add(pool.id + holder, entry.tokens, entry.fees)
                for lock in entry.locks { h.add(pool.id + holder, lock.tokens, lock.until) }
            }
        }
        for r in a.reservations.values { h.add("reservation", r.id, r.status.rawValue, r.paymentHash ?? "") }
        for r in a.redemptions.values {
            h.add("redemption", r.id, r.status.rawValue, r.paymentHash ?? "")
            h.add("redemption", r.id, r.paymentFailed, r.defaultPaid ?? -1)
        }
        h.add("asset counts", a.nextReservationID, a.nextRedemptionID, Int64(a.usedPayments.count))
        h.add("reward reserve", a.rewardReserve)
        for (k, v) in a.fund.balances { h.add("fund", k, v) }
        h.add("fund totals", a.fund.totalSupply, a.fund.minted, a.fund.burned)
        for (key, s) in scheduler.schedules {
            h.add(key, s.tag ?? "", s.nextRun, s.lastRun ?? -1)
            h.add(key, Int64(s.jobs.count), s.isExhausted)
        }
        for t in scheduler.tags.values { h.add("tag", t.id, t.pauseAt ?? -1, t.fastForwardUntil ?? -1) }
        h.add("plants", plants.spec)
        return String(h.total, radix: 16)
    }

    /// The conservation rules of SPEC 3, 5 and 6 that the state breaks.
    var violations: [String] {
        var found: [String] = []
        let a = asset
        // NAT: what accounts, vaults, pools, the reward reserve and creator-keys instances hold,
        // plus the gas burned, is exactly what was issued. Summed in 256 bits via Int128 pairs.
        var nat = Wide()
        for v in balances.values { nat.add(v) }
        for agent in a.agents.values { nat.add(agent.vault) }
        for pool in a.pools.values { nat.add(pool.totalCollateral) }
        nat.add(a.rewardReserve)
        for k in creatorKeys.values {
            nat.add(k.reserve)
            nat.add(k.treasury)
            for v in k.creatorFeeBalances.values { nat.add(v) }
        }
        for r in receipts.values { nat.add(r.fee) }
        nat.add(droppedReceiptFees)
        if nat != Wide(natIssued) { found.append("NAT held plus gas burned is \(nat), but \(natIssued) was issued") }
        var und = Wide()
        for v in underlying.balances.values { und.add(v) }
        for tx in underlying.transactions.values { und.add(tx.fee) }
        und.add(underlying.droppedFees)
        if und != Wide(undIssued) { found.append("UND held plus fees paid is \(und), but \(undIssued) was issued") }
        var fund = Wide()
        for v in a.fund.balances.values { fund.add(v) }
        if fund != Wide(a.fund.totalSupply) { found.append("FUND balances sum to \(fund), but the supply is \(a.fund.totalSupply)") }
        if a.fund.minted.subtractingReportingOverflow(a.fund.burned) != (a.fund.totalSupply, false) {
            found.append("FUND minted \(a.fund.minted) − burned \(a.fund.burned) ≠ supply \(a.fund.totalSupply)")
        }
        if let negative = balances.first(where: { $0.value < 0 }) { found.append("NAT balance of \(negative.key) is \(negative.value)") }
        if let negative = underlying.balances.first(where: { $0.value < 0 }) { found.append("UND balance of \(negative.key) is \(negative.value)") }
        if let negative = a.fund.balances.first(where: { $0.value < 0 }) { found.append("FUND balance of \(negative.key) is \(negative.value)") }
        for agent in a.agents.values {
            let lots = [agent.freeLots, agent.reservedLots, agent.mintedLots, agent.redeemingLots]
            if lots.contains(where: { $0 < 0 }) { found.append("agent \(agent.id) has negative lots \(lots)") }
            if agent.executedMintingLots.subtractingReportingOverflow(agent.redeemedLots) != (agent.mintedLots, false) {
                found.append("agent \(agent.id): executed \(agent.executedMintingLots) − redeemed \(agent.redeemedLots) ≠ minted \(agent.mintedLots)")
            }
        }
        for pool in a.pools.values {
            var tokens = Wide()
            var fees = Wide()
            for h in pool.holders.values {
                tokens.add(h.tokens)
                fees.add(h.fees)
            }
            if tokens != Wide(pool.totalSupply) { found.append("pool \(pool.id): holders' tokens \(tokens) ≠ supply \(pool.totalSupply)") }
            if fees > Wide(a.fund.balance(pool.id)) { found.append("pool \(pool.id): holders' fees \(fees) exceed its FUND \(a.fund.balance(pool.id))") }
        }
        if let gap = events.events.enumerated().first(where: { $0.element.seq != Int64($0.offset) + events.firstSeq }) {
            found.append("event \(Int64(gap.offset) + events.firstSeq) has seq \(gap.element.seq)")
        }
        return found
    }
}

/// A sum of Int128 values that cannot overflow: the high and low halves of a 256-bit total.
struct Wide: Equatable, Comparable, CustomStringConvertible {
    private var high: Int128 = 0
    private var low: UInt128 = 0

    init() {}
    init(_ value: Int128) { add(value) }

    mutating func add(_ value: Int128) {
        let (sum, carry) = low.addingReportingOverflow(UInt128(truncatingIfNeeded: value))
        low = sum
        high += (value < 0 ? -1 : 0) + (carry ? 1 : 0)
    }

    static func < (a: Wide, b: Wide) -> Bool { (a.high, a.low) < (b.high, b.low) }

    var description: String {
        if high == 0 { return String(low) }
        if high == -1, low >= UInt128(1) << 127 { return String(Int128(truncatingIfNeeded: low)) }
        return "\(high)·2^128 + \(low)"
    }
}

/// An order-independent hash of many entries: each entry hashed on its own, the results added.
struct StateHash {
    private(set) var total: UInt64 = 0

    private mutating func add(_ h: Hasher) { total &+= UInt64(bitPattern: Int64(h.finalize())) }

    mutating func add<A: Hashable, B: Hashable>(_ a: A, _ b: B) {
        var h = Hasher()
        h.combine(a)
        h.combine(b)
        add(h)
    }

    mutating func add<A: Hashable, B: Hashable, C: Hashable>(_ a: A, _ b: B, _ c: C) {
        var h = Hasher()
        h.combine(a)
        h.combine(b)
        h.combine(c)
        add(h)
    }

    mutating func add<A: Hashable, B: Hashable, C: Hashable, D: Hashable>(_ a: A, _ b: B, _ c: C, _ d: D) {
        var h = Hasher()
        h.combine(a)
        h.combine(b)
        h.combine(c)
        h.combine(d)
        add(h)
    }
}

extension CreatorKeysInstance {
    func hash(into h: inout StateHash) {
        h.add(id, admin, keyPrice ?? -1, slope)
        h.add(id, feeConfig?.creatorBps ?? -1, feeConfig?.protocolBps ?? -1, curve.rawValue)
        h.add(id, paused, testTimestamp ?? -1, reserve)
        h.add(id, treasury)
        for (k, v) in handles { h.add(id, "handle", k, v) }
        for (k, v) in supply { h.add(id, "supply", k, v) }
        for (k, v) in creatorFeeBalances { h.add(id, "fees", k, v) }
        for (creator, holders) in keyBalances { for (holder, v) in holders { h.add(id, creator, holder, v) } }
    }
}
