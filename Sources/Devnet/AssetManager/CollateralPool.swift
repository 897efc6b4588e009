import Networks

/// An agent's collateral pool (SPEC 6): NAT collateral, pool tokens with a timelock, and
/// FUND fees credited to token holders pro rata.
final class CollateralPool {
    /// A holder's tokens, the parts still locked, and its credited FUND fees.
    struct Holder {
        var tokens: Int128 = 0
        var locks: [(tokens: Int128, until: Int64)] = []
        var fees: Int128 = 0

        func unlocked(at now: Int64) -> Int128 { tokens - locks.filter { $0.until > now }.reduce(0) { $0 + $1.tokens } }

        mutating func dropExpiredLocks(at now: Int64) { locks.removeAll { $0.until <= now } }

        func json(at now: Int64) -> JSON {
            [
                "tokens": Amount.wire(tokens), "unlocked_tokens": Amount.wire(unlocked(at: now)), "fees": Amount.wire(fees),
                "locks": .array(locks.filter { $0.until > now }.map { ["tokens": Amount.wire($0.tokens), "unlock_at": .int($0.until)] }),
            ]
        }
    }

    let id: String
    let agent: String
    var totalCollateral: Int128 = 0
    var totalSupply: Int128 = 0
    /// All FUND fees the pool ever received, for bounds on a holder's fee growth.
    var feesReceived: Int128 = 0
    /// Every address that ever held tokens or fees; written through `setHolder`.
    private(set) var holders: [String: Holder] = [:]
    /// The holders with tokens now: a fee is split among them only, not among every past holder.
    private(set) var tokenHolders: Set<String> = []

    init(id: String, agent: String) {
        self.id = id
        self.agent = agent
    }

    /// Records a holder's new state and keeps `tokenHolders` in step.
    func setHolder(_ address: String, _ holder: Holder) {
        holders[address] = holder
        if holder.tokens > 0 { tokenHolders.insert(address) } else { tokenHolders.remove(address) }
    }

    /// Whether `credit(fee:)` stays in range: the pool's total and every holder's share.
    func canCredit(fee: Int128) -> Bool {
        guard !feesReceived.addingReportingOverflow(fee).overflow else { return false }
        guard totalSupply > 0 else { return true }
        return tokenHolders.allSatisfy { address in
            guard let holder = holders[address] else { return true }
            return mulDiv(fee, holder.tokens, totalSupply).map { !holder.fees.addingReportingOverflow($0).overflow } ?? false
        }
    }

    /// Splits a minting's pool fee among holders by their share of the supply, each floored.
    /// Callers have checked `canCredit(fee:)`.
    func credit(fee: Int128) {
        feesReceived += fee
        guard totalSupply > 0 else { return }
        for address in tokenHolders {
            guard let tokens = holders[address]?.tokens, tokens > 0 else { continue }
            holders[address]?.fees += mulDiv(fee, tokens, totalSupply) ?? 0
        }
    }

    /// `fundBalance` is the FUND the pool holds: credited fees not yet withdrawn plus remainders.
    func json(at now: Int64, fundBalance: Int128) -> JSON {
        [
            "pool": .string(id), "agent": .string(agent), "total_collateral": Amount.wire(totalCollateral),
            "total_supply": Amount.wire(totalSupply), "fund_balance": Amount.wire(fundBalance),
            "fees_received": Amount.wire(feesReceived), "holders": .int(Int64(holders.count)),
        ]
    }
}
