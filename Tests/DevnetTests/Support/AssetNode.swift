import Devnet
import Networks
import Synchronization
import Testing

/// A clock the test moves by hand: jobs due by `now` run before the next RPC request.
final class TestClock: Sendable {
    private let value: Mutex<Int64>

    init(_ start: Int64) { value = Mutex(start) }

    var now: Int64 { value.withLock { $0 } }

    func advance(by seconds: Int64) { value.withLock { $0 += seconds } }

    func set(_ time: Int64) { value.withLock { $0 = time } }
}

/// SPEC 6 restated on the test side, so expectations never come from the code under test.
enum AssetSpec {
    static let lotSize: Int128 = 10_000_000
    static let weiPerUBA: Int128 = 20_000_000_000_000
    static let reserveGas: Int64 = 150_000
    static let executeGas: Int64 = 200_000
    static let redeemGas: Int64 = 180_000
    static let defaultGas: Int64 = 160_000
    static let enterGas: Int64 = 120_000
    static let exitGas: Int64 = 130_000
    static let withdrawFeesGas: Int64 = 90_000
    static let poolTransferGas: Int64 = 60_000
    /// `fund.transfer` (docs/API.md: SPEC lists no gas for it).
    static let fundTransferGas: Int64 = 50_000
    static let undFee: Int128 = 12
    static let genesisFees: [Int64] = [25, 50, 75, 100, 150]
    static let genesisFreeLots: Int64 = 100_000
    static let genesisPool: Int128 = 1_000_000 * Units.nat
    static let genesisVault: Int128 = 10_000_000 * Units.nat

    static func reservationFee(lots: Int64) -> Int128 { Int128(lots) * lotSize * weiPerUBA * 10 / 10_000 }
    static func mintingFee(lots: Int64, bips: Int64) -> Int128 { Int128(lots) * lotSize * Int128(bips) / 10_000 }
    static func poolFee(_ feeUBA: Int128) -> Int128 { feeUBA * 4_000 / 10_000 }
    static func redemptionFee(_ valueUBA: Int128) -> Int128 { valueUBA * 10 / 10_000 }
    static func defaultPayment(_ valueUBA: Int128) -> Int128 { valueUBA * weiPerUBA * 11_000 / 10_000 }
}

/// A devnet with a clock the test moves, reached through the JSON-RPC API only.
struct AssetNode {
    /// Genesis time of every asset node unless told otherwise.
    static let start: Int64 = 1_700_000_000

    let clock: TestClock
    let node: DevnetNode
    let rpc: RPCClient
    let chain: NativeChain
    let und: UnderlyingChain
    let asset: AssetManager

    init(genesis: Genesis = .default, start: Int64 = AssetNode.start, options: DevnetOptions = DevnetOptions()) throws {
        let clock = TestClock(start)
        self.clock = clock
        node = DevnetNode(genesis: genesis, adminKey: try TestKeys.admin(), attestorKey: try TestKeys.key(0xA7), clock: { clock.now },
            options: options)
        rpc = RPCClient(transport: node.transport)
        chain = NativeChain(rpc: rpc)
        und = UnderlyingChain(rpc: rpc)
        asset = AssetManager(chain: chain)
    }

    /// A genesis read from `{"asset": {"agents": agents, ...asset}}` (SPEC defaults elsewhere).
    static func genesis(agents: [JSON], asset: [String: JSON] = [:]) throws -> Genesis {
        var o = asset
        o["agents"] = .array(agents)
        return try Genesis(json: ["asset": .object(o)])
    }

    /// A native account and its underlying twin, funded by the faucet.
    func user(_ key: KeyPair, nat: Int128 = 1_000 * Units.nat, und: Int128 = 1_000 * Units.und) async throws
        -> (Account, UnderlyingAccount)
    {
        try await chain.faucet(key.address, nat: nat, und: und)
        return (Account(key: key, chain: chain, chainID: node.genesis.chainID),
                UnderlyingAccount(key: key, chain: self.und, chainID: node.genesis.underlyingChainID))
    }

    /// The public agent charging `feeBips` (get_agents is in id order, not fee order).
    func agent(fee feeBips: Int64) async throws -> AgentInfo {
        guard let agent = try await asset.agents().first(where: { $0.feeBips == feeBips }) else {
            throw DecodingFailure("no public agent with fee \(feeBips) bips")
        }
        return agent
    }

    /// Reserves `lots` on `agent` and decodes the result; fails the test if it reverted.
    func reserve(_ lots: Int64, on agent: String, by account: Account, maxFee: Int64 = 10_000) async throws -> CollateralReservation {
        let receipt = try await account.send(asset.reserveCollateral(agent: agent, lots: lots, maxMintingFeeBips: maxFee))
        guard receipt.status == .success, let result = receipt.result else {
            throw DecodingFailure("reserve_collateral reverted: \(receipt.json)")
        }
        return try CollateralReservation(json: result, agent: agent, lots: lots)
    }

    /// Pays `amount` (default: value + fee) to `to` (default: the payment address) with
    /// `reference` (default: the payment reference) and returns the payment's proof.
    func pay(_ r: CollateralReservation, from payer: UnderlyingAccount, amount: Int128? = nil, to: String? = nil,
             reference: String? = nil) async throws -> PaymentProof {
        let tx = try await payer.pay(amount ?? r.paymentAmount, to: to ?? r.paymentAddress, reference: reference ?? r.paymentReference)
        guard tx.status == .success else { throw DecodingFailure("underlying payment failed: \(tx)") }
        return try await und.paymentProof(tx.hash)
    }

    /// A whole minting: reserve, pay, execute. Returns the reservation.
    @discardableResult
    func mint(_ lots: Int64, on agent: String, by account: Account, payer: UnderlyingAccount) async throws -> CollateralReservation {
        let r = try await reserve(lots, on: agent, by: account)
        let proof = try await pay(r, from: payer)
        let receipt = try await account.send(asset.executeMinting(reservationID: r.reservationID, proof: proof))
        guard receipt.status == .success else { throw DecodingFailure("execute_minting reverted: \(receipt.json)") }
        return r
    }
}

/// Expects `receipt` to be reverted with the named contract error and only gas charged.
func expectReverted(
    _ receipt: Receipt, _ name: String, contract: String = "asset_manager", gas: Int64,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(receipt.status == .reverted, "expected a revert with \(name), got \(receipt.json)", sourceLocation: sourceLocation)
    #expect(receipt.error?.name == name, "expected \(name), got \(String(describing: receipt.error))", sourceLocation: sourceLocation)
    #expect(receipt.error?.contract == contract, sourceLocation: sourceLocation)
    #expect(receipt.gasUsed == gas, sourceLocation: sourceLocation)
    #expect(receipt.fee == Spec.fee(gas: gas), sourceLocation: sourceLocation)
    #expect(receipt.events.isEmpty, "a reverted call emits no events", sourceLocation: sourceLocation)
}

/// `floor(a · b / c)` for non-negative amounts whose product may exceed 128 bits (SPEC 6 pool math).
func floorMulDiv(_ a: Int128, _ b: Int128, _ c: Int128) -> Int128 {
    let product = a.multipliedFullWidth(by: b)
    return c.dividingFullWidth(product).quotient
}
