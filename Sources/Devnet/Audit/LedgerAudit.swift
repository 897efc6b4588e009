import Networks

/// The whole ledger reduced to a fingerprint, and the conservation rules it breaks, if any.
///
/// For the fuzzer and the devnet's own tests: two audits with the same fingerprint saw the
/// same state (so a refused request that left it unchanged changed nothing), and an empty
/// `violations` says every amount is accounted for.
public struct LedgerAudit: Sendable, Equatable {
    /// SHA-256 of a canonical dump of every balance, nonce, contract, agent, pool, schedule and event count.
    public let fingerprint: String
    /// Conservation rules the state breaks, each a sentence with the figures.
    public let violations: [String]
}

extension DevnetNode {
    /// Audits the ledger now (under its lock, without running due jobs).
    public func audit() -> LedgerAudit {
        ledger.withLock { ledger in LedgerAudit(fingerprint: Digest.sha256Hex(ledger.dump.canonicalBytes), violations: ledger.violations) }
    }
}

extension Ledger {
    /// Every piece of state, as canonical JSON.
    var dump: JSON {
        let a = asset
        return [
            "balances": .object(balances.mapValues(Amount.wire)), "nonces": .object(nonces.mapValues { .int($0) }),
            "block": .int(block), "receipts": .int(Int64(receipts.count)), "events": .int(events.nextSeq),
            "issued": [Amount.wire(natIssued), Amount.wire(undIssued)],
            "contracts": .object(contractKinds.mapValues { .string($0.rawValue) }),
            "creator_keys": .object(creatorKeys.mapValues(\.dump)),
            "underlying": [
                "balances": .object(underlying.balances.mapValues(Amount.wire)),
                "sequences": .object(underlying.sequences.mapValues { .int($0) }),
                "blocked": .array(underlying.depositBlocked.sorted().map { .string($0) }),
                "transactions": .int(Int64(underlying.transactions.count)), "ledger_index": .int(underlying.ledgerIndex),
            ],
            "asset": [
                "agents": .object(a.agents.mapValues(\.json)),
                "pools": .object(a.pools.mapValues(\.dump)),
                "reservations": .array(a.reservations.keys.sorted().compactMap { a.reservations[$0]?.json }),
                "redemptions": .array(a.redemptions.keys.sorted().compactMap { a.redemptions[$0]?.json }),
                "ids": [.int(a.nextReservationID), .int(a.nextRedemptionID)], "used_payments": .int(Int64(a.usedPayments.count)),
                "reward_reserve": Amount.wire(a.rewardReserve),
                "fund": ["balances": .object(a.fund.balances.mapValues(Amount.wire)), "total": Amount.wire(a.fund.totalSupply),
                    "minted": Amount.wire(a.fund.minted), "burned": Amount.wire(a.fund.burned)],
            ],
            "schedules": .object(scheduler.schedules.mapValues { s in ["s": s.json, "jobs": .int(Int64(s.jobs.count))] }),
            "tags": .object(scheduler.tags.mapValues(\.json)),
        ]
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
        if nat != Wide(natIssued) { found.append("NAT held plus gas burned is \(nat), but \(natIssued) was issued") }
        var und = Wide()
        for v in underlying.balances.values { und.add(v) }
        for tx in underlying.transactions.values { und.add(tx.fee) }
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
        if let gap = events.events.enumerated().first(where: { $0.element.seq != Int64($0.offset) + 1 }) {
            found.append("event \(gap.offset + 1) has seq \(gap.element.seq)")
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

extension CreatorKeysInstance {
    var dump: JSON {
        [
            "admin": .string(admin), "price": keyPrice.map(Amount.wire) ?? .null, "fees": feeConfig?.json ?? .null,
            "curve": .string(curve.rawValue), "slope": Amount.wire(slope), "paused": .bool(paused),
            "ts": testTimestamp.map { .int($0) } ?? .null, "handles": .object(handles.mapValues { .string($0) }),
            "supply": .object(supply.mapValues(Amount.wire)),
            "keys": .object(keyBalances.mapValues { .object($0.mapValues(Amount.wire)) }),
            "creator_fees": .object(creatorFeeBalances.mapValues(Amount.wire)), "treasury": Amount.wire(treasury),
            "reserve": Amount.wire(reserve),
        ]
    }
}

extension CollateralPool {
    var dump: JSON {
        [
            "collateral": Amount.wire(totalCollateral), "supply": Amount.wire(totalSupply), "fees": Amount.wire(feesReceived),
            "holders": .object(holders.mapValues { h in
                ["tokens": Amount.wire(h.tokens), "fees": Amount.wire(h.fees),
                 "locks": .array(h.locks.map { [Amount.wire($0.tokens), .int($0.until)] })]
            }),
        ]
    }
}
