import Networks
import Testing

/// What a reverted asset call must leave as it was (gas and nonce aside): one user's NAT,
/// nonce, UND and FUND, one agent and its pool, FUND's totals and the event log's length.
struct AssetState: Equatable, CustomStringConvertible {
    var nat: Int128
    var nonce: Int64
    var und: Int128
    var fund: Int128
    var agent: AgentInfo
    var pool: PoolInfo
    var holder: PoolHolding
    var supply: FundSupply
    var nextSeq: Int64

    var description: String {
        "nat \(nat), nonce \(nonce), und \(und), fund \(fund), agent \(agent), pool \(pool), holder \(holder), supply \(supply), next_seq \(nextSeq)"
    }

    /// The state after a reverted call of `gas` by this user: gas paid, nonce advanced.
    func afterRevert(gas: Int64) -> AssetState {
        var s = self
        s.nat -= Spec.fee(gas: gas)
        s.nonce += 1
        return s
    }
}

extension AssetNode {
    /// Reads `key`'s balances and `agent`'s state through the API.
    func state(of key: KeyPair, agent: String) async throws -> AssetState {
        AssetState(
            nat: try await chain.balance(of: key.address), nonce: try await chain.nonce(of: key.address),
            und: try await und.balance(of: key.underlyingAddress), fund: try await asset.fundBalance(of: key.address),
            agent: try await asset.agent(agent), pool: try await asset.pool(ofAgent: agent),
            holder: try await asset.poolHolding(agent: agent, holder: key.address), supply: try await asset.fundSupply(),
            nextSeq: try await chain.events(since: 1, limit: 1, type: "NoSuchEventType").nextSeq)
    }

    /// Sends `call` from `account`, expects a revert named `name`, and that only gas and nonce changed.
    @discardableResult
    func expectRevert(
        _ call: Call, by account: Account, agent: String, _ name: String, contract: String = "asset_manager", gas: Int64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Receipt {
        let before = try await state(of: account.key, agent: agent)
        let receipt = try await account.send(call)
        expectReverted(receipt, name, contract: contract, gas: gas, sourceLocation: sourceLocation)
        let after = try await state(of: account.key, agent: agent)
        #expect(after == before.afterRevert(gas: gas), "\(name): only gas and nonce may change", sourceLocation: sourceLocation)
        return receipt
    }
}
