import Foundation
import Networks

extension LoadUser {
    /// Reads the user's state in one JSON-RPC batch: the UND balance, the other balances, pool
    /// positions each followed by a read of its pool's totals (the totals from before are the
    /// run's latest completed read, see `PoolReads`), reservation and redemption statuses,
    /// and the UND balance again. A bot's payment moves a request to `SUCCESSFUL` and credits
    /// UND in one step (SPEC 6), and only bots credit a user's UND, so when the two UND reads
    /// agree no payment fell between them: every status read in between agrees with the
    /// balance. When they differ it reads again. (Reading each status twice instead costs one
    /// read per pending request; this costs one in all.)
    ///
    /// A pool's agent (`get_agent`) is read only while the node's pool answer lacks
    /// `backed_value`: the agent's lots are then what sizes an exit. Nothing compares it
    /// with an expectation, so against a node that reports the backed value (the devnet)
    /// the read is left out.
    public func readState() async throws -> UserState {
        let redemptionIDs = book.redemptions.map(\.request.requestID)
        let reservationIDs = book.mintings.map(\.reservation.reservationID)
        let agents = pools.sorted()
        let agentsRead = Set(agents.filter { self.state.poolsAfter[$0]?.backedValue == nil })
        for _ in 0..<5 {
            let readStart = clock()
            let known = poolReads.snapshot(agents)
            let undBalance = ("und_getBalance", JSON.object(["address": .string(underlying.address)]))
            var calls: [(method: String, params: JSON)] = [undBalance]
            calls.append(("nat_getBalance", ["address": .string(address)]))
            calls.append(("nat_call", Call(contract: asset.fundID, method: "balance_of", args: ["address": .string(address)]).json))
            for agent in agents {
                if known[agent] == nil { calls.append(read("get_pool", ["agent": .string(agent)])) }
                calls.append(read("get_pool_holder", ["agent": .string(agent), "holder": .string(address)]))
                calls.append(read("get_pool", ["agent": .string(agent)]))
                if agentsRead.contains(agent) { calls.append(read("get_agent", ["id": .string(agent)])) }
            }
            calls += reservationIDs.map { read("get_reservation", ["id": .int($0)]) }
            calls += redemptionIDs.map { read("get_redemption", ["id": .int($0)]) }
            calls.append(undBalance)
            var results = try await native.chain.rpc.batch(calls).makeIterator()
            func next() throws -> JSON {
                guard let result = results.next() else { throw DecodingFailure("state batch: too few answers") }
                return try result.get()
            }
            var state = UserState()
            state.und = try NativeChain.amount(try next(), "und_getBalance")
            state.nat = try NativeChain.amount(try next(), "nat_getBalance")
            state.fund = try NativeChain.amount(try next(), "balance_of")
            for agent in agents {
                state.poolsBefore[agent] = try known[agent] ?? PoolInfo(json: try next())
                state.pools[agent] = try PoolHolding(json: try next())
                let after = try PoolInfo(json: try next())
                state.poolsAfter[agent] = after
                poolReads.record(agent, after)
                if agentsRead.contains(agent) { state.agents[agent] = try AgentInfo(json: try next()) }
            }
            for id in reservationIDs { state.reservations[id] = try RequestStatus(json: try next(), "get_reservation").status }
            for id in redemptionIDs {
                let status = try RequestStatus(json: try next(), "get_redemption")
                state.redemptions[id] = status.status
                if status.paymentFailed && status.status == "PENDING" { state.failedPayments.insert(id) }
                if let hash = status.paymentHash { state.paymentHashes[id] = hash }
            }
            let undAfter = try NativeChain.amount(try next(), "und_getBalance")
            state.readStart = readStart
            state.readEnd = clock()
            if undAfter == state.und { return state }
        }
        throw ActionFailure.unexpected("the UND balance of \(record.label) kept changing during five consecutive state reads")
    }

    private func read(_ method: String, _ args: [String: JSON]) -> (method: String, params: JSON) {
        ("nat_call", Call(contract: asset.id, method: method, args: args).json)
    }
}
