import Fixtures
import Foundation
import Networks
import Testing

/// A test's user: a native account and its underlying twin, funded by the faucet.
struct Party {
    let account: Account
    let underlying: UnderlyingAccount
    var address: String { account.address }
}

/// What an E2E test works with: its schedule control (its own tags and agents), the asset
/// manager, the underlying chain and SPEC 6's settings as the network reports them.
struct Journey {
    let control: ScheduleControl
    let settings: AssetSettingsInfo
    let underlying: UnderlyingChain
    var connection: Connection { control.connection }
    var asset: AssetManager { control.asset }
    var chain: NativeChain { connection.chain }

    static func begin() async throws -> Journey {
        let control = try ScheduleControl.current
        return Journey(control: control, settings: try await control.asset.settings(), underlying: UnderlyingChain(rpc: control.connection.rpc))
    }

    func party(nat: Int128 = 10_000 * Units.nat, und: Int128 = 10_000 * Units.und) async throws -> Party {
        let key = KeyPair()
        try await chain.faucet(key.address, nat: nat, und: und)
        return Party(account: Account(key: key, chain: chain, chainID: connection.info.chainID),
            underlying: UnderlyingAccount(key: key, chain: underlying, chainID: connection.info.underlyingChainID))
    }

    /// Sends `call` and returns the receipt, failing the test if it reverted.
    @discardableResult
    func send(_ call: Call, by party: Party, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Receipt {
        let receipt = try await party.account.send(call)
        try #require(receipt.status == .success, "\(call.method) reverted: \(receipt.json)", sourceLocation: sourceLocation)
        return receipt
    }

    /// Reserve, pay on the underlying chain, get the proof, execute: the minting journey.
    func mint(_ lots: Int64, on agent: String, by party: Party) async throws -> Minting {
        let reserveReceipt = try await send(asset.reserveCollateral(agent: agent, lots: lots, maxMintingFeeBips: 10_000), by: party)
        let reservation = try CollateralReservation(json: try #require(reserveReceipt.result), agent: agent, lots: lots)
        let payment = try await party.underlying.pay(reservation.paymentAmount, to: reservation.paymentAddress,
            reference: reservation.paymentReference)
        try #require(payment.status == .success, "underlying payment: \(payment)")
        let proof = try await underlying.paymentProof(payment.hash)
        let executeReceipt = try await send(asset.executeMinting(reservationID: reservation.reservationID, proof: proof), by: party)
        return Minting(reservation: reservation, payment: payment, receipts: [reserveReceipt, executeReceipt])
    }

    /// Redeems `lots` from `agent` and returns its single request.
    func redeem(_ lots: Int64, from agent: String, by party: Party) async throws -> (RedemptionRequest, Receipt) {
        let receipt = try await send(asset.redeem(lots: lots, agent: agent), by: party)
        let result = try RedeemResult(json: try #require(receipt.result))
        return (try #require(result.requests.first), receipt)
    }
}

/// One whole minting: its reservation, the underlying payment and the native receipts.
struct Minting {
    let reservation: CollateralReservation
    let payment: UnderlyingTransaction
    let receipts: [Receipt]
    var gasFees: Int128 { receipts.reduce(0) { $0 + $1.fee } }
}
