import Networks

/// `asset_manager` writes (SPEC 6): collateral reservations, mintings against payment
/// proofs, redemptions and their defaults.
enum AssetManagerContract {
    typealias E = AssetManagerError

    static let interface = ContractInterface(name: "asset_manager", writes: writes, reads: AssetManagerReads.methods)

    static let proofSpecs = [
        ParamSpec("tx_hash", .string), ParamSpec("from", .address(.underlying)), ParamSpec("to", .address(.underlying)),
        ParamSpec("amount", .amount), ParamSpec("reference", .string, required: false), ParamSpec("timestamp", .integer),
        ParamSpec("signature", .string),
    ]

    static func write(
        _ name: String, gas: Int64, _ params: [ParamSpec],
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (AssetLedger, Execution) throws(ContractError) -> JSON
    ) -> WriteMethod {
        WriteMethod(name: name, gas: gas, params: params) { p throws(RPCError) in
            let run = try body(p)
            return { x throws(ContractError) in try run(x.ledger.asset, x) }
        }
    }

    static func checked(_ r: (partialValue: Int128, overflow: Bool)) throws(ContractError) -> Int128 {
        guard !r.overflow else { throw E.overflow }
        return r.partialValue
    }

    static let writes: [WriteMethod] = [
        write("reserve_collateral", gas: 150_000, [
            ParamSpec("agent", .address(.native)), ParamSpec("lots", .integer), ParamSpec("max_minting_fee_bips", .integer),
        ]) { p throws(RPCError) in
            let agentID = try p.string("agent")
            let lots = try p.int("lots")
            let maxFee = try p.int("max_minting_fee_bips")
            return { a, x throws(ContractError) in
                guard lots > 0 else { throw E.notPositiveLots }
                let agent = try a.agent(agentID)
                guard agent.feeBips <= maxFee else { throw E.feeAboveMax }
                guard agent.freeLots >= lots else { throw E.notEnoughFreeLots }
                let s = a.settings
                let value = try checked(Int128(lots).multipliedReportingOverflow(by: s.lotSize))
                let valueWei = try checked(value.multipliedReportingOverflow(by: s.weiPerUBA))
                guard let reservationFee = mulDiv(valueWei, Int128(s.collateralReservationFeeBips), 10_000),
                    let fee = mulDiv(value, Int128(agent.feeBips), 10_000)
                else { throw E.overflow }
                guard x.ledger.balance(x.sender) >= reservationFee else { throw E.insufficientBalance }
                x.ledger.debit(x.sender, reservationFee)
                agent.vault += reservationFee
                agent.freeLots -= lots
                agent.reservedLots += lots
                let id = a.nextReservationID
                a.nextReservationID += 1
                let reference = Digest.sha256Hex(Array("reservation/\(x.ledger.genesis.chainID)/\(id)".utf8))
                let reservation = Reservation(id: id, minter: x.sender, agent: agent.id, lots: lots, valueUBA: value, feeUBA: fee,
                    reservationFee: reservationFee, paymentAddress: agent.paymentAddress, paymentReference: reference,
                    deadline: x.blockTime + s.mintingPaymentWindow)
                a.reservations[id] = reservation
                x.ledger.events.stage(type: "CollateralReserved", resource: agent.id, timestamp: x.blockTime, data: reservation.json)
                return [
                    "reservation_id": .int(id), "payment_address": .string(agent.paymentAddress), "value_uba": Amount.wire(value),
                    "fee_uba": Amount.wire(fee), "payment_reference": .string(reference), "deadline": .int(reservation.deadline),
                    "reservation_fee": Amount.wire(reservationFee),
                ]
            }
        },
        write("execute_minting", gas: 200_000, [ParamSpec("reservation_id", .integer), ParamSpec("proof", .object)]) { p throws(RPCError) in
            let id = try p.int("reservation_id")
            let proofJSON = try p.object("proof") ?? .null
            let proof = try Params(proofJSON, specs: proofSpecs, path: "params.envelope.call.args.proof")
            let txHash = try proof.string("tx_hash")
            let to = try proof.string("to")
            let amount = try proof.amount("amount")
            let reference = try proof.optionalString("reference")
            let signature = try proof.string("signature")
            guard case .object(var unsigned) = proofJSON else { throw invalidParams("params.envelope.call.args.proof: expected an object") }
            unsigned["signature"] = nil
            let message = JSON.object(unsigned).canonicalBytes
            return { a, x throws(ContractError) in
                guard var reservation = a.reservations[id] else { throw E.unknownReservation }
                guard x.sender == reservation.minter else { throw E.unauthorized }
                switch reservation.status {
                case .executed: throw E.alreadyExecuted
                case .expired: throw E.deadlinePassed
                case .reserved: guard x.blockTime <= reservation.deadline else { throw E.deadlinePassed }
                }
                guard Hex.isHex(signature, count: 128), Signature.isValid(signature, of: message, by: x.ledger.attestorAddress) else {
                    throw E.invalidProof
                }
                guard !a.usedPayments.contains(txHash) else { throw E.paymentAlreadyUsed }
                guard to == reservation.paymentAddress else { throw E.wrongPaymentAddress }
                guard reference == reservation.paymentReference else { throw E.wrongReference }
                guard amount >= reservation.valueUBA + reservation.feeUBA else { throw E.paymentTooSmall }
                let agent = try a.agent(reservation.agent)
                let pool = try a.pool(ofAgent: agent.id)
                let poolFee = reservation.feeUBA * Int128(a.settings.poolFeeShareBips) / 10_000
                a.fund.mint(reservation.minter, reservation.valueUBA)
                a.fund.mint(pool.id, poolFee)
                pool.credit(fee: poolFee)
                agent.reservedLots -= reservation.lots
                agent.mintedLots += reservation.lots
                agent.executedMintingLots += reservation.lots
                reservation.status = .executed
                reservation.paymentHash = txHash
                a.reservations[id] = reservation
                a.usedPayments.insert(txHash)
                x.ledger.events.stage(type: "MintingExecuted", resource: agent.id, timestamp: x.blockTime, data: [
                    "reservation_id": .int(id), "minter": .string(reservation.minter), "agent": .string(agent.id),
                    "lots": .int(reservation.lots), "value_uba": Amount.wire(reservation.valueUBA),
                    "pool_fee_uba": Amount.wire(poolFee), "payment_hash": .string(txHash),
                ])
                return ["reservation_id": .int(id), "minted_uba": Amount.wire(reservation.valueUBA), "pool_fee_uba": Amount.wire(poolFee)]
            }
        },
        write("redeem", gas: 180_000, [ParamSpec("lots", .integer), ParamSpec("agent", .address(.native), required: false)]) {
            p throws(RPCError) in
            let lots = try p.int("lots")
            let named = try p.optionalString("agent")
            return { a, x throws(ContractError) in try redeem(a, x, lots: lots, named: named) }
        },
        write("redemption_payment_default", gas: 160_000, [ParamSpec("request_id", .integer)]) { p throws(RPCError) in
            let id = try p.int("request_id")
            return { a, x throws(ContractError) in
                guard var request = a.redemptions[id] else { throw E.unknownRedemption }
                guard x.sender == request.redeemer else { throw E.unauthorized }
                guard request.status == .pending else { throw E.redemptionNotPending }
                // The agent's time: a test that fast-forwarded its PAY_REDEMPTIONS past the deadline has passed it.
                let agentTime = x.ledger.scheduler.time(of: .payRedemptions, resource: request.agent, now: x.blockTime)
                guard agentTime > request.deadline else { throw E.deadlineNotPassed }
                let agent = try a.agent(request.agent)
                let bips = 10_000 + Int128(a.settings.redemptionDefaultPremiumBips)
                guard let premium = mulDiv(a.wei(uba: request.valueUBA), bips, 10_000) else { throw E.overflow }
                guard agent.vault >= premium else { throw E.vaultInsufficient }
                agent.vault -= premium
                x.ledger.credit(request.redeemer, premium)
                agent.redeemingLots -= request.lots
                agent.freeLots += request.lots
                request.status = .defaulted
                request.defaultPaid = premium
                a.redemptions[id] = request
                x.ledger.events.stage(type: "RedemptionDefaulted", resource: agent.id, timestamp: x.blockTime, data: request.json)
                return ["request_id": .int(id), "paid_nat": Amount.wire(premium)]
            }
        },
        AgentAdmin.createAgent,
    ]

    /// Places `lots` on the named agent, or on public agents in ascending id order, each up
    /// to its minted lots; burns FUND for placed lots only.
    static func redeem(_ a: AssetLedger, _ x: Execution, lots: Int64, named: String?) throws(ContractError) -> JSON {
        guard lots > 0 else { throw E.notPositiveLots }
        let s = a.settings
        let wanted = try checked(Int128(lots).multipliedReportingOverflow(by: s.lotSize))
        guard a.fund.balance(x.sender) >= wanted else { throw E.insufficientFund }
        let candidates = try named.map { id throws(ContractError) in [try a.agent(id)] } ?? a.publicAgents
        var remaining = lots
        var requests: [JSON] = []
        for agent in candidates where remaining > 0 && agent.mintedLots > 0 {
            let placed = min(remaining, agent.mintedLots)
            remaining -= placed
            agent.mintedLots -= placed
            agent.redeemingLots += placed
            agent.redeemedLots += placed
            let value = Int128(placed) * s.lotSize
            let fee = value * Int128(s.redemptionFeeBips) / 10_000
            let id = a.nextRedemptionID
            a.nextRedemptionID += 1
            let request = Redemption(id: id, redeemer: x.sender, agent: agent.id, lots: placed, valueUBA: value, feeUBA: fee,
                payUBA: value - fee, paymentReference: Digest.sha256Hex(Array("redemption/\(x.ledger.genesis.chainID)/\(id)".utf8)),
                createdAt: x.blockTime, deadline: x.blockTime + s.redemptionPaymentWindow)
            a.redemptions[id] = request
            a.fund.burn(x.sender, value)
            x.ledger.events.stage(type: "RedemptionRequested", resource: agent.id, timestamp: x.blockTime, data: request.json)
            requests.append([
                "request_id": .int(id), "agent": .string(agent.id), "lots": .int(placed), "value_uba": Amount.wire(value),
                "fee_uba": Amount.wire(fee), "pay_uba": Amount.wire(value - fee), "payment_reference": .string(request.paymentReference),
                "deadline": .int(request.deadline),
            ])
        }
        return ["requests": .array(requests), "remaining_lots": .int(remaining)]
    }
}
