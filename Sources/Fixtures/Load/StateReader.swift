import Foundation
import Networks

extension LoadUser {
    /// Reads the user's state in one JSON-RPC batch: redemption statuses, balances, pool
    /// positions between two reads of their pool totals, reservation statuses, and the
    /// redemption statuses again. When a bot paid a request during the batch (the two
    /// status reads differ) it reads again, so balances and statuses always agree.
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
            var calls: [(method: String, params: JSON)] = redemptionIDs.map { read("get_redemption", ["id": .int($0)]) }
            calls.append(("nat_getBalance", ["address": .string(address)]))
            calls.append(("und_getBalance", ["address": .string(underlying.address)]))
            calls.append(("nat_call", Call(contract: asset.fundID, method: "balance_of", args: ["address": .string(address)]).json))
            for agent in agents {
                calls.append(read("get_pool", ["agent": .string(agent)]))
                calls.append(read("get_pool_holder", ["agent": .string(agent), "holder": .string(address)]))
                calls.append(read("get_pool", ["agent": .string(agent)]))
                if agentsRead.contains(agent) { calls.append(read("get_agent", ["id": .string(agent)])) }
            }
            calls += reservationIDs.map { read("get_reservation", ["id": .int($0)]) }
            calls += redemptionIDs.map { read("get_redemption", ["id": .int($0)]) }
            var results = try await native.chain.rpc.batch(calls).makeIterator()
            func next() throws -> JSON {
                guard let result = results.next() else { throw DecodingFailure("state batch: too few answers") }
                return try result.get()
            }
            var state = UserState()
            var firstStatuses: [Int64: RequestStatus] = [:]
            for id in redemptionIDs { firstStatuses[id] = try RequestStatus(json: try next(), "get_redemption") }
            state.nat = try NativeChain.amount(try next(), "nat_getBalance")
            state.und = try NativeChain.amount(try next(), "und_getBalance")
            state.fund = try NativeChain.amount(try next(), "balance_of")
            for agent in agents {
                state.poolsBefore[agent] = try PoolInfo(json: try next())
                state.pools[agent] = try PoolHolding(json: try next())
                state.poolsAfter[agent] = try PoolInfo(json: try next())
                if agentsRead.contains(agent) { state.agents[agent] = try AgentInfo(json: try next()) }
            }
            for id in reservationIDs { state.reservations[id] = try RequestStatus(json: try next(), "get_reservation").status }
            var stable = true
            for id in redemptionIDs {
                let status = try RequestStatus(json: try next(), "get_redemption")
                if status != firstStatuses[id] { stable = false }
                state.redemptions[id] = status.status
                if status.paymentFailed && status.status == "PENDING" { state.failedPayments.insert(id) }
                if let hash = status.paymentHash { state.paymentHashes[id] = hash }
            }
            state.readStart = readStart
            state.readEnd = clock()
            if stable { return state }
        }
        throw ActionFailure.unexpected("the state of \(record.label) kept changing during five consecutive reads")
    }

    private func read(_ method: String, _ args: [String: JSON]) -> (method: String, params: JSON) {
        ("nat_call", Call(contract: asset.id, method: method, args: args).json)
    }
}
