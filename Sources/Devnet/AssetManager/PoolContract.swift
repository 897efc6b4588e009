import Networks

/// An agent's `collateral_pool` (SPEC 6), called by its pool id: enter, exit under the
/// exit ratio, fee withdrawal in FUND, and transfers of unlocked tokens.
enum PoolContract {
    typealias E = PoolError

    static let interface = ContractInterface(name: "collateral_pool", writes: writes, reads: [])

    static func write(
        _ name: String, gas: Int64, _ params: [ParamSpec], valueParam: String? = nil,
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (CollateralPool, AssetLedger, Execution) throws(ContractError) -> JSON
    ) -> WriteMethod {
        WriteMethod(name: name, gas: gas, params: params, valueParam: valueParam) { p throws(RPCError) in
            let run = try body(p)
            return { x throws(ContractError) in
                guard let pool = x.ledger.asset.pools[x.contract] else { throw E.unknownPool }
                return try run(pool, x.ledger.asset, x)
            }
        }
    }

    static func emit(_ pool: CollateralPool, _ x: Execution, _ type: String, _ data: [String: JSON]) {
        var data = data
        data["agent"] = .string(pool.agent)
        x.ledger.events.stage(type: type, resource: pool.id, timestamp: x.blockTime, data: .object(data))
    }

    /// The sender's unlocked tokens, or the error saying why `tokens` cannot move.
    static func unlockedHolder(_ pool: CollateralPool, _ x: Execution, tokens: Int128) throws(ContractError) -> CollateralPool.Holder {
        try x.require(tokens > 0, .poolAmountPositive, or: E.notPositiveAmount)
        var holder = pool.holders[x.sender] ?? CollateralPool.Holder()
        try x.require(holder.tokens >= tokens, .poolTokensHeld, or: E.notEnoughTokens)
        try x.require(holder.unlocked(at: x.blockTime) >= tokens, .poolTimelock, or: E.tokensLocked)
        holder.dropExpiredLocks(at: x.blockTime)
        holder.tokens = try holder.tokens.subtracting(tokens, or: E.overflow)
        return holder
    }

    static let writes: [WriteMethod] = [
        write("enter", gas: 120_000, [ParamSpec("amount", .amount)], valueParam: "amount") { p throws(RPCError) in
            let amount = try p.amount("amount")
            return { pool, a, x throws(ContractError) in
                try x.require(amount >= a.settings.poolMinimumEnter && amount > 0, .poolMinimumEnter, or: E.belowMinimumEnter)
                var tokens = amount
                if pool.totalSupply != 0 { tokens = try mulDiv(pool.totalSupply, amount, pool.totalCollateral, or: E.overflow) }
                try x.require(tokens > 0, .poolEnterTooSmall, or: E.enterTooSmall)
                let unlockAt = try x.blockTime.adding(a.settings.poolTokenTimelock, or: E.overflow)
                let collateral = try pool.totalCollateral.adding(amount, or: E.overflow)
                let supply = try pool.totalSupply.adding(tokens, or: E.overflow)
                var holder = pool.holders[x.sender] ?? CollateralPool.Holder()
                holder.tokens = try holder.tokens.adding(tokens, or: E.overflow)
                holder.locks.append((tokens, unlockAt))
                _ = try x.ledger.balance(x.sender).subtracting(amount, or: E.overflow)

                x.ledger.debit(x.sender, amount)
                pool.totalCollateral = collateral
                pool.totalSupply = supply
                pool.setHolder(x.sender, holder)
                emit(pool, x, "PoolEntered", ["holder": .string(x.sender), "amount": Amount.wire(amount),
                    "tokens": Amount.wire(tokens), "unlock_at": .int(unlockAt)])
                return ["tokens": Amount.wire(tokens), "unlock_at": .int(unlockAt)]
            }
        },
        write("exit", gas: 130_000, [ParamSpec("tokens", .amount)]) { p throws(RPCError) in
            let tokens = try p.amount("tokens")
            return { pool, a, x throws(ContractError) in
                let holder = try unlockedHolder(pool, x, tokens: tokens)
                let paid = try mulDiv(pool.totalCollateral, tokens, pool.totalSupply, or: E.overflow)
                let agent = try a.agent(pool.agent)
                // What backs more than 128 bits of NAT needs more collateral than can exist.
                let required = a.backedValue(of: agent).flatMap { mulDiv($0, Int128(a.settings.poolExitCollateralRatioBips), 10_000) } ?? Int128.max
                let collateral = try pool.totalCollateral.subtracting(paid, or: E.overflow)
                try x.require(collateral >= required, .poolExitRatio, or: E.exitRatioViolated)
                let supply = try pool.totalSupply.subtracting(tokens, or: E.overflow)
                guard x.ledger.canCredit(x.sender, paid) else { throw E.overflow }

                pool.setHolder(x.sender, holder)
                pool.totalSupply = supply
                pool.totalCollateral = collateral
                x.ledger.credit(x.sender, paid)
                x.ledger.plants.observe("pool.exit", agent: pool.agent)
                emit(pool, x, "PoolExited", ["holder": .string(x.sender), "tokens": Amount.wire(tokens), "nat_paid": Amount.wire(paid)])
                return ["tokens": Amount.wire(tokens), "nat_paid": Amount.wire(paid)]
            }
        },
        write("withdraw_fees", gas: 90_000, [ParamSpec("amount", .amount)]) { p throws(RPCError) in
            let amount = try p.amount("amount")
            return { pool, a, x throws(ContractError) in
                try x.require(amount > 0, .poolAmountPositive, or: E.notPositiveAmount)
                let fees = pool.holders[x.sender]?.fees ?? 0
                try x.require(fees >= amount, .poolWithdrawMoreFees, or: E.notEnoughFees)
                let left = try fees.subtracting(amount, or: E.overflow)
                guard a.fund.canMove(pool.id, x.sender, amount) else { throw E.overflow }

                var holder = pool.holders[x.sender] ?? CollateralPool.Holder()
                holder.fees = left
                pool.setHolder(x.sender, holder)
                a.fund.move(pool.id, x.sender, amount)
                emit(pool, x, "PoolFeesWithdrawn", ["holder": .string(x.sender), "amount": Amount.wire(amount)])
                return ["amount": Amount.wire(amount)]
            }
        },
        write("transfer", gas: 60_000, [ParamSpec("to", .address(.native)), ParamSpec("tokens", .amount)]) { p throws(RPCError) in
            let to = try p.string("to")
            let tokens = try p.amount("tokens")
            return { pool, _, x throws(ContractError) in
                try x.require(to != x.sender, .poolSelfTransfer, or: E.selfTransfer)
                let holder = try unlockedHolder(pool, x, tokens: tokens)
                // A self transfer (planted bug) moves the tokens back to the sender.
                var receiver = to == x.sender ? holder : pool.holders[to] ?? CollateralPool.Holder()
                receiver.tokens = try receiver.tokens.adding(tokens, or: E.overflow)

                pool.setHolder(x.sender, holder)
                pool.setHolder(to, receiver)
                emit(pool, x, "PoolTokensTransferred", ["from": .string(x.sender), "to": .string(to), "tokens": Amount.wire(tokens)])
                return ["tokens": Amount.wire(tokens)]
            }
        },
    ]
}
