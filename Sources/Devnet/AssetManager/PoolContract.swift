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
        guard tokens > 0 else { throw E.notPositiveAmount }
        var holder = pool.holders[x.sender] ?? CollateralPool.Holder()
        guard holder.tokens >= tokens else { throw E.notEnoughTokens }
        guard holder.unlocked(at: x.blockTime) >= tokens else { throw E.tokensLocked }
        holder.dropExpiredLocks(at: x.blockTime)
        return holder
    }

    static let writes: [WriteMethod] = [
        write("enter", gas: 120_000, [ParamSpec("amount", .amount)], valueParam: "amount") { p throws(RPCError) in
            let amount = try p.amount("amount")
            return { pool, a, x throws(ContractError) in
                guard amount >= a.settings.poolMinimumEnter, amount > 0 else { throw E.belowMinimumEnter }
                let tokens: Int128
                if pool.totalSupply == 0 {
                    tokens = amount
                } else {
                    guard let t = mulDiv(pool.totalSupply, amount, pool.totalCollateral) else { throw E.overflow }
                    tokens = t
                }
                guard tokens > 0 else { throw E.enterTooSmall }
                let unlockAt = x.blockTime + a.settings.poolTokenTimelock
                x.ledger.debit(x.sender, amount)
                pool.totalCollateral += amount
                pool.totalSupply += tokens
                pool.holders[x.sender, default: CollateralPool.Holder()].tokens += tokens
                pool.holders[x.sender]?.locks.append((tokens, unlockAt))
                emit(pool, x, "PoolEntered", ["holder": .string(x.sender), "amount": Amount.wire(amount),
                    "tokens": Amount.wire(tokens), "unlock_at": .int(unlockAt)])
                return ["tokens": Amount.wire(tokens), "unlock_at": .int(unlockAt)]
            }
        },
        write("exit", gas: 130_000, [ParamSpec("tokens", .amount)]) { p throws(RPCError) in
            let tokens = try p.amount("tokens")
            return { pool, a, x throws(ContractError) in
                var holder = try unlockedHolder(pool, x, tokens: tokens)
                guard let paid = mulDiv(pool.totalCollateral, tokens, pool.totalSupply) else { throw E.overflow }
                let agent = try a.agent(pool.agent)
                let required = mulDiv(a.backedValue(of: agent), Int128(a.settings.poolExitCollateralRatioBips), 10_000) ?? Int128.max
                guard pool.totalCollateral - paid >= required else { throw E.exitRatioViolated }
                holder.tokens -= tokens
                pool.holders[x.sender] = holder
                pool.totalSupply -= tokens
                pool.totalCollateral -= paid
                x.ledger.credit(x.sender, paid)
                emit(pool, x, "PoolExited", ["holder": .string(x.sender), "tokens": Amount.wire(tokens), "nat_paid": Amount.wire(paid)])
                return ["tokens": Amount.wire(tokens), "nat_paid": Amount.wire(paid)]
            }
        },
        write("withdraw_fees", gas: 90_000, [ParamSpec("amount", .amount)]) { p throws(RPCError) in
            let amount = try p.amount("amount")
            return { pool, a, x throws(ContractError) in
                guard amount > 0 else { throw E.notPositiveAmount }
                guard let fees = pool.holders[x.sender]?.fees, fees >= amount else { throw E.notEnoughFees }
                pool.holders[x.sender]?.fees -= amount
                a.fund.move(pool.id, x.sender, amount)
                emit(pool, x, "PoolFeesWithdrawn", ["holder": .string(x.sender), "amount": Amount.wire(amount)])
                return ["amount": Amount.wire(amount)]
            }
        },
        write("transfer", gas: 60_000, [ParamSpec("to", .address(.native)), ParamSpec("tokens", .amount)]) { p throws(RPCError) in
            let to = try p.string("to")
            let tokens = try p.amount("tokens")
            return { pool, _, x throws(ContractError) in
                guard to != x.sender else { throw E.selfTransfer }
                var holder = try unlockedHolder(pool, x, tokens: tokens)
                holder.tokens -= tokens
                pool.holders[x.sender] = holder
                pool.holders[to, default: CollateralPool.Holder()].tokens += tokens
                emit(pool, x, "PoolTokensTransferred", ["from": .string(x.sender), "to": .string(to), "tokens": Amount.wire(tokens)])
                return ["tokens": Amount.wire(tokens)]
            }
        },
    ]
}
