import Networks

/// `asset_manager` reads (SPEC 6).
enum AssetManagerReads {
    typealias E = AssetManagerError

    static func read(
        _ name: String, _ params: [ParamSpec] = [],
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (AssetLedger, Int64) throws(ContractError) -> JSON
    ) -> ReadMethod {
        ReadMethod(name: name, params: params) { p throws(RPCError) in
            let run = try body(p)
            return { ledger, _ throws(ContractError) in try run(ledger.asset, ledger.clock()) }
        }
    }

    static let agent = ParamSpec("agent", .address(.native))

    static let methods: [ReadMethod] = [
        read("get_settings") { _ throws(RPCError) in { a, _ in a.settings.wire } },
        read("get_agents") { _ throws(RPCError) in { a, _ in .array(a.publicAgents.map(\.json)) } },
        read("get_agent", [ParamSpec("id", .address(.native))]) { p throws(RPCError) in
            let id = try p.string("id")
            return { a, _ throws(ContractError) in try a.agent(id).json }
        },
        read("get_reservation", [ParamSpec("id", .integer)]) { p throws(RPCError) in
            let id = try p.int("id")
            return { a, _ throws(ContractError) in
                guard let r = a.reservations[id] else { throw E.unknownReservation }
                return r.json
            }
        },
        read("get_redemption", [ParamSpec("id", .integer)]) { p throws(RPCError) in
            let id = try p.int("id")
            return { a, _ throws(ContractError) in
                guard let r = a.redemptions[id] else { throw E.unknownRedemption }
                return r.json
            }
        },
        read("get_pool", [agent]) { p throws(RPCError) in
            let id = try p.string("agent")
            return { a, now throws(ContractError) in
                let pool = try a.pool(ofAgent: id)
                let agent = try a.agent(id)
                guard case .object(var o) = pool.json(at: now, fundBalance: a.fund.balance(pool.id)) else { return .null }
                guard let backed = a.backedValue(of: agent) else { throw E.overflow }
                o["backed_value"] = Amount.wire(backed)
                return .object(o)
            }
        },
        read("get_pool_holder", [agent, ParamSpec("holder", .address(.native))]) { p throws(RPCError) in
            let id = try p.string("agent")
            let holder = try p.string("holder")
            return { a, now throws(ContractError) in
                (try a.pool(ofAgent: id).holders[holder] ?? CollateralPool.Holder()).json(at: now)
            }
        },
    ]
}
