import Fixtures
import Foundation
import Networks
import Testing

/// A test's user: a native account and its underlying twin, funded by the faucet (or the admin).
struct Party {
    let account: Account
    let underlying: UnderlyingAccount
    var address: String { account.address }
}

/// What an E2E test works with: its schedule control (its own tags and agents), the asset
/// manager, the underlying chain and SPEC 6's settings as the network reports them.
///
/// Every receipt a journey gets is checked against SPEC 3 (`gas_used` from the gas table,
/// `fee = gas_used × gas_price`) before the test sees it, so expected balances use SPEC's
/// fees (`SpecGas`), never the receipt's.
struct Journey {
    let control: ScheduleControl
    let settings: AssetSettingsInfo
    let underlying: UnderlyingChain
    var connection: Connection { control.connection }
    var asset: AssetManager { control.asset }
    var chain: NativeChain { connection.chain }

    static func begin(control: ScheduleControl? = nil) async throws -> Journey {
        let control = if let control { control } else { try ScheduleControl.current }
        return Journey(control: control, settings: try await control.asset.settings(), underlying: control.connection.underlying)
    }

    func party(nat: Int128 = 10_000 * Units.nat, und: Int128 = 10_000 * Units.und) async throws -> Party {
        let key = KeyPair()
        try await connection.fund(key.address, nat: nat)
        try await connection.fundUnderlying(key.address, und: und)
        return Party(account: Account(key: key, chain: chain, chainID: connection.info.chainID),
            underlying: UnderlyingAccount(key: key, chain: underlying, chainID: connection.info.underlyingChainID))
    }

    /// The SPEC name of `call`: a well-known contract's, else a pool's (the only other
    /// contracts a journey calls).
    func specCall(_ call: Call) -> SpecCall {
        SpecCall(call, kind: SpecGas.ContractKind.wellKnown(call.contract, info: connection.info) ?? .pool)
    }

    /// Sends `call`, checks its gas and fee against SPEC 3, and returns the receipt whatever its status.
    func attempt(_ call: Call, by party: Party, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Receipt {
        let receipt = try await party.account.send(call)
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try SpecCharges.check(receipt, for: specCall(call)) }
        return receipt
    }

    /// Sends `call` and returns the receipt, failing the test if it reverted or was charged
    /// other than SPEC says.
    @discardableResult
    func send(_ call: Call, by party: Party, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Receipt {
        let receipt = try await attempt(call, by: party, sourceLocation: sourceLocation)
        try #require(receipt.status == .success, "\(call.method) reverted: \(receipt.json)", sourceLocation: sourceLocation)
        return receipt
    }

    /// SPEC 3's fee for `call`.
    func fee(_ call: Call) throws -> Int128 { try SpecGas.fee(for: specCall(call)) }

    /// Reserve, pay on the underlying chain, get the proof, execute: the minting journey.
    func mint(_ lots: Int64, on agent: String, by party: Party) async throws -> Minting {
        try await payAndExecute(try await reserve(lots, on: agent, by: party), by: party)
    }

    /// The first step of a minting: reserves `lots` of `agent`, paying SPEC's gas and reservation fee.
    func reserve(_ lots: Int64, on agent: String, by party: Party) async throws -> Reserved {
        let call = asset.reserveCollateral(agent: agent, lots: lots, maxMintingFeeBips: 10_000)
        let receipt = try await send(call, by: party)
        return Reserved(reservation: try CollateralReservation(json: try #require(receipt.result), agent: agent, lots: lots),
            receipt: receipt, gasFee: try fee(call))
    }

    /// The rest of a minting: pays `value_uba + fee_uba` with the reference, fetches the proof, executes.
    func payAndExecute(_ reserved: Reserved, by party: Party) async throws -> Minting {
        let reservation = reserved.reservation
        let payment = try await party.underlying.pay(reservation.paymentAmount, to: reservation.paymentAddress,
            reference: reservation.paymentReference)
        try #require(payment.status == .success, "underlying payment: \(payment)")
        let proof = try await underlying.paymentProof(payment.hash)
        let execute = asset.executeMinting(reservationID: reservation.reservationID, proof: proof)
        let executeReceipt = try await send(execute, by: party)
        return Minting(reservation: reservation, payment: payment, receipts: [reserved.receipt, executeReceipt],
            gasFees: reserved.gasFee + (try fee(execute)))
    }

    /// Redeems `lots` from `agent` and returns its single request.
    func redeem(_ lots: Int64, from agent: String, by party: Party) async throws -> (RedemptionRequest, Receipt) {
        let receipt = try await send(asset.redeem(lots: lots, agent: agent), by: party)
        let result = try RedeemResult(json: try #require(receipt.result))
        return (try #require(result.requests.first), receipt)
    }
}

/// A reservation made, not yet paid: its result, receipt and SPEC 3's gas fee.
struct Reserved {
    let reservation: CollateralReservation
    let receipt: Receipt
    let gasFee: Int128
}

/// One whole minting: its reservation, the underlying payment, the native receipts, and the
/// gas fees SPEC 3 charges for its two calls.
struct Minting {
    let reservation: CollateralReservation
    let payment: UnderlyingTransaction
    let receipts: [Receipt]
    let gasFees: Int128
}
