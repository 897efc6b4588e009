import Networks

/// What a payment proof claims, read from `execute_minting`'s args.
struct PaymentClaim: Sendable {
    let txHash: String
    let to: String
    let amount: Int128
    let reference: String?
    let signature: String
}

/// Minting (SPEC 6): collateral reservations and their execution against payment proofs.
/// Every new value is computed with checked arithmetic before anything changes, so a call
/// that would overflow reverts with `Overflow` and leaves the ledger as it was.
extension AssetManagerContract {
    static func reserve(_ a: AssetLedger, _ x: Execution, agentID: String, lots: Int64, maxFee: Int64) throws(ContractError) -> JSON {
        try x.require(lots > 0, .mintingLotsPositive, or: E.notPositiveLots)
        let agent = try a.agent(agentID)
        try x.require(agent.feeBips <= maxFee, .mintingFeeAboveMax, or: E.feeAboveMax)
        try x.require(agent.freeLots >= lots, .mintingFreeLots, or: E.notEnoughFreeLots)
        let s = a.settings
        let value = try Int128(lots).multiplied(by: s.lotSize, or: E.overflow)
        let valueWei = try value.multiplied(by: s.weiPerUBA, or: E.overflow)
        var reservationFee = try mulDiv(valueWei, Int128(s.collateralReservationFeeBips), 10_000, or: E.overflow)
        let fee = try mulDiv(value, Int128(agent.feeBips), 10_000, or: E.overflow)
        let planted = x.ledger.plants.comboEffect(on: "asset_manager.reserve_collateral", agent: agent.id)
        if case .reservationFee(let delta) = planted { reservationFee = max(0, try reservationFee.adding(delta, or: E.overflow)) }
        let balance = x.ledger.balance(x.sender)
        try x.require(balance >= reservationFee, .mintingReservationFeeBalance, or: E.insufficientBalance)
        _ = try balance.subtracting(reservationFee, or: E.overflow)
        let vault = try agent.vault.adding(reservationFee, or: E.overflow)
        let freeLots = try agent.freeLots.subtracting(lots, or: E.overflow)
        let reservedLots = try agent.reservedLots.adding(lots, or: E.overflow)
        let deadline = try x.blockTime.adding(s.mintingPaymentWindow, or: E.overflow)
        let id = a.nextReservationID
        let nextID = try id.adding(1, or: E.overflow)

        x.ledger.debit(x.sender, reservationFee)
        agent.vault = vault
        agent.freeLots = freeLots
        agent.reservedLots = reservedLots
        a.nextReservationID = nextID
        let reference = Digest.sha256Hex(Array("reservation/\(x.ledger.genesis.chainID)/\(id)".utf8))
        var reservation = Reservation(id: id, minter: x.sender, agent: agent.id, lots: lots, valueUBA: value, feeUBA: fee,
            reservationFee: reservationFee, paymentAddress: agent.paymentAddress, paymentReference: reference, deadline: deadline)
        reservation.plantedShortLot = planted == .shortLot
        a.store(reservation)
        x.ledger.plants.observe("asset_manager.reserve_collateral", agent: agent.id)
        x.ledger.events.stage(type: "CollateralReserved", resource: agent.id, timestamp: x.blockTime, data: reservation.json)
        return [
            "reservation_id": .int(id), "payment_address": .string(agent.paymentAddress), "value_uba": Amount.wire(value),
            "fee_uba": Amount.wire(fee), "payment_reference": .string(reference), "deadline": .int(deadline),
            "reservation_fee": Amount.wire(reservationFee),
        ]
    }

    static func execute(_ a: AssetLedger, _ x: Execution, id: Int64, payment: PaymentClaim, message: [UInt8]) throws(ContractError) -> JSON {
        guard var reservation = a.reservations[id] else { throw E.unknownReservation }
        try x.require(x.sender == reservation.minter, .mintingExecutedByOther, or: E.unauthorized)
        switch reservation.status {
        case .executed: try x.require(false, .mintingExecutedTwice, or: E.alreadyExecuted)
        case .expired: try x.require(false, .mintingDeadline, or: E.deadlinePassed)
        case .reserved: try x.require(x.blockTime <= reservation.deadline, .mintingDeadline, or: E.deadlinePassed)
        }
        try x.require(Hex.isHex(payment.signature, count: 128) && Signature.isValid(payment.signature, of: message, by: x.ledger.attestorAddress),
            .mintingProofSignature, or: E.invalidProof)
        // A node that forgot "executed once" would take the same proof again.
        let reexecution = reservation.status == .executed && reservation.paymentHash == payment.txHash
        try x.require(!a.usedPayments.contains(payment.txHash) || reexecution, .mintingPaymentReused, or: E.paymentAlreadyUsed)
        try x.require(payment.to == reservation.paymentAddress, .mintingPaymentAddress, or: E.wrongPaymentAddress)
        try x.require(payment.reference == reservation.paymentReference, .mintingPaymentReference, or: E.wrongReference)
        let due = try reservation.valueUBA.adding(reservation.feeUBA, or: E.overflow)
        try x.require(payment.amount >= due, .mintingPaymentAmount, or: E.paymentTooSmall)
        let agent = try a.agent(reservation.agent)
        let pool = try a.pool(ofAgent: agent.id)
        let poolFee = try mulDiv(reservation.feeUBA, Int128(a.settings.poolFeeShareBips), 10_000, or: E.overflow)
        // A planted combination may credit the minter one lot too few.
        let minted = reservation.plantedShortLot ? max(0, reservation.valueUBA - a.settings.lotSize) : reservation.valueUBA
        guard a.fund.canMint((reservation.minter, minted), (pool.id, poolFee)), pool.canCredit(fee: poolFee) else { throw E.overflow }
        let reservedLots = try agent.reservedLots.subtracting(reservation.lots, or: E.overflow)
        let mintedLots = try agent.mintedLots.adding(reservation.lots, or: E.overflow)
        let executedLots = try agent.executedMintingLots.adding(reservation.lots, or: E.overflow)

        a.fund.mint(reservation.minter, minted)
        a.fund.mint(pool.id, poolFee)
        pool.credit(fee: poolFee)
        agent.reservedLots = reservedLots
        agent.mintedLots = mintedLots
        agent.executedMintingLots = executedLots
        reservation.status = .executed
        reservation.paymentHash = payment.txHash
        a.store(reservation)
        a.usedPayments.insert(payment.txHash)
        x.ledger.events.stage(type: "MintingExecuted", resource: agent.id, timestamp: x.blockTime, data: [
            "reservation_id": .int(id), "minter": .string(reservation.minter), "agent": .string(agent.id),
            "lots": .int(reservation.lots), "value_uba": Amount.wire(minted),
            "pool_fee_uba": Amount.wire(poolFee), "payment_hash": .string(payment.txHash),
        ])
        return ["reservation_id": .int(id), "minted_uba": Amount.wire(minted), "pool_fee_uba": Amount.wire(poolFee)]
    }
}
