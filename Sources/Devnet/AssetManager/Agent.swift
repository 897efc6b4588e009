import Networks

/// An agent of the bridged asset (SPEC 6): lots it can mint against, the NAT vault that
/// pays default premiums, the underlying address minters pay, and its collateral pool.
///
/// Lots move `free → reserved → minted → redeeming → free`; an expired reservation and a
/// finished redemption (paid or defaulted) return lots to `free`.
final class Agent {
    let id: String
    let feeBips: Int64
    let isPublic: Bool
    /// Signs the agent bot's redemption payments on the underlying chain.
    let botKey: KeyPair
    let poolID: String
    let openingTime: Int64
    var freeLots: Int64
    var reservedLots: Int64 = 0
    var mintedLots: Int64 = 0
    var redeemingLots: Int64 = 0
    /// Lots of all executed mintings and of all redemption requests, for the SPEC 6 invariant.
    var executedMintingLots: Int64 = 0
    var redeemedLots: Int64 = 0
    var vault: Int128

    var paymentAddress: String { botKey.underlyingAddress }

    init(id: String, feeBips: Int64, isPublic: Bool, botKey: KeyPair, poolID: String, openingTime: Int64, freeLots: Int64, vault: Int128) {
        self.id = id
        self.feeBips = feeBips
        self.isPublic = isPublic
        self.botKey = botKey
        self.poolID = poolID
        self.openingTime = openingTime
        self.freeLots = freeLots
        self.vault = vault
    }

    var json: JSON {
        [
            "id": .string(id), "fee_bips": .int(feeBips), "public": .bool(isPublic), "payment_address": .string(paymentAddress),
            "pool": .string(poolID), "opening_time": .int(openingTime), "free_lots": .int(freeLots),
            "reserved_lots": .int(reservedLots), "minted_lots": .int(mintedLots), "redeeming_lots": .int(redeemingLots),
            "executed_minting_lots": .int(executedMintingLots), "redeemed_lots": .int(redeemedLots), "vault": Amount.wire(vault),
        ]
    }
}

/// Collateral reserved for one minting (SPEC 6).
struct Reservation {
    enum Status: String { case reserved = "RESERVED", executed = "EXECUTED", expired = "EXPIRED" }

    let id: Int64
    let minter: String
    let agent: String
    let lots: Int64
    let valueUBA: Int128
    let feeUBA: Int128
    let reservationFee: Int128
    let paymentAddress: String
    let paymentReference: String
    let deadline: Int64
    var status: Status = .reserved
    var paymentHash: String? = nil
    /// Set by a planted combination bug: its minting credits one lot too few.
    var plantedShortLot = false

    var json: JSON {
        [
            "reservation_id": .int(id), "minter": .string(minter), "agent": .string(agent), "lots": .int(lots),
            "value_uba": Amount.wire(valueUBA), "fee_uba": Amount.wire(feeUBA), "reservation_fee": Amount.wire(reservationFee),
            "payment_address": .string(paymentAddress), "payment_reference": .string(paymentReference),
            "deadline": .int(deadline), "status": .string(status.rawValue), "payment_hash": paymentHash.map { .string($0) } ?? .null,
        ]
    }
}

/// One redemption request: lots placed on one agent, paid by its bot or defaulted (SPEC 6).
struct Redemption {
    enum Status: String { case pending = "PENDING", successful = "SUCCESSFUL", defaulted = "DEFAULTED" }

    let id: Int64
    let redeemer: String
    let agent: String
    let lots: Int64
    let valueUBA: Int128
    let feeUBA: Int128
    let payUBA: Int128
    let paymentReference: String
    let createdAt: Int64
    let deadline: Int64
    var status: Status = .pending
    /// The bot's payment, once attempted: it pays each request once (a failed payment is not retried).
    var paymentHash: String? = nil
    var paymentFailed = false
    var defaultPaid: Int128? = nil

    var underlyingAddress: String { "u" + redeemer.dropFirst() }

    var json: JSON {
        [
            "request_id": .int(id), "redeemer": .string(redeemer), "agent": .string(agent), "lots": .int(lots),
            "value_uba": Amount.wire(valueUBA), "fee_uba": Amount.wire(feeUBA), "pay_uba": Amount.wire(payUBA),
            "payment_reference": .string(paymentReference), "deadline": .int(deadline), "status": .string(status.rawValue),
            "payment_hash": paymentHash.map { .string($0) } ?? .null, "payment_failed": .bool(paymentFailed),
            "default_paid": defaultPaid.map(Amount.wire) ?? .null,
        ]
    }
}
