import Foundation
import Networks

extension LoadAction {
    /// Mints 1 to 3 lots on a random public agent; one mint in four is left paid but not executed, for `mintExecuteRandomMinting`.
    public static let mintRandomAgentRandomAmount = LoadAction(.mintRandomAgentRandomAmount, condition: MintActions.canMint) { user in
        guard let agent = user.randomElement(user.agents) else { throw ActionFailure.unexpected("no public agents") }
        try await MintActions.mint(user, agent: agent, lots: MintActions.lots(user), executeNow: user.random(Int64(1)...4) != 1)
    }

    /// Mints 1 to 3 lots on the agent with the lowest fee that has them free, always executed.
    public static let mintLowestFeeAgentRandomAmount = LoadAction(.mintLowestFeeAgentRandomAmount, condition: MintActions.canMint) { user in
        let lots = MintActions.lots(user)
        guard let agent = user.agents.filter({ $0.freeLots >= lots }).min(by: { ($0.feeBips, $0.id) < ($1.feeBips, $1.id) }) else {
            throw ActionFailure.unexpected("no agent with \(lots) free lots")
        }
        try await MintActions.mint(user, agent: agent, lots: lots, executeNow: true)
    }

    /// Executes a random paid minting from the user's book (this run's or an earlier run's).
    public static let mintExecuteRandomMinting = LoadAction(.mintExecuteRandomMinting, condition: { user in
        user.book.mintings.contains { $0.reservation.deadline > user.now + 5 }
    }) { user in
        let now = user.now
        guard let minting = user.randomElement(user.book.mintings.filter { $0.reservation.deadline > now + 5 }) else { return }
        try await MintActions.execute(user, minting)
    }

    /// Blocks the user's deposits, mints on a random agent (executed), and unblocks them.
    public static let mintRandomAgentRandomAmountBlockUnderlying = LoadAction(.mintRandomAgentRandomAmountBlockUnderlying, condition: MintActions.canMint) { user in
        guard let agent = user.randomElement(user.agents) else { throw ActionFailure.unexpected("no public agents") }
        try await user.setDepositBlocked(true)
        do {
            try await MintActions.mint(user, agent: agent, lots: MintActions.lots(user), executeNow: true)
        } catch {
            try await user.setDepositBlocked(false)
            throw error
        }
        try await user.setDepositBlocked(false)
    }
}

/// Minting actions of seed 000: reserve collateral, pay the agent on the underlying chain,
/// execute with the payment proof.
///
/// A minter that pays does not always execute at once: one minting in four is left paid
/// and pending (as a client that stopped after paying), persisted in the user's book, for
/// `MintExecuteRandomMinting` of this run or a later one to execute.
public enum MintActions {
    static let maxLots: Int64 = 3

    /// Enough UND for one lot with the highest fee, and NAT for its fees.
    static func canMint(_ user: LoadUser) -> Bool {
        let s = user.settings
        return user.state.und >= s.lotSize * 2 + 100 && user.state.nat >= s.reservationFee(lots: maxLots) + 10 * Units.nat
    }

    /// 1 to 3 lots, as many as the user's UND allows.
    static func lots(_ user: LoadUser) -> Int64 {
        let affordable = Int64(clamping: (user.state.und - 100) / (user.settings.lotSize * 2))
        return user.random(1...max(1, min(maxLots, affordable)))
    }

    /// Reserves, pays, and (when `executeNow`) executes a minting of `lots` on `agent`; returns
    /// the executed reservation's id and the proof it was executed with.
    @discardableResult
    public static func mint(_ user: LoadUser, agent: AgentInfo, lots: Int64, executeNow: Bool) async throws -> (Int64, PaymentProof)? {
        let reservation = try await reserve(user, agent: agent, lots: lots)
        let minting = try await pay(user, reservation: reservation, agentFeeBips: agent.feeBips)
        if executeNow {
            return (reservation.reservationID, try await execute(user, minting))
        }
        return nil
    }

    /// Reserves `lots` on `agent`, checks the reservation's value and fee against SPEC 6, and
    /// adds it to the user's book (saved with the payment's intent, before UND leaves).
    static func reserve(_ user: LoadUser, agent: AgentInfo, lots: Int64) async throws -> CollateralReservation {
        let receipt = try await user.send(
            user.asset.reserveCollateral(agent: agent.id, lots: lots, maxMintingFeeBips: agent.feeBips), phase: "reserve")
        user.effects.reservedLots.append(lots)
        let reservation = try CollateralReservation(json: receipt.result ?? .null, agent: agent.id, lots: lots)
        // SPEC 6: value_uba = lots·lot_size, fee_uba = floor(value_uba·fee_bips / 10_000).
        let value = Int128(lots) * user.settings.lotSize
        let fee = user.settings.mintingFee(lots: lots, agentFeeBips: agent.feeBips)
        if reservation.valueUBA != value {
            user.effects.receiptMismatches.append(Mismatch(field: "reservation[\(reservation.reservationID)].value_uba", expected: String(value),
                actual: String(reservation.valueUBA), asset: .fund))
        }
        if reservation.feeUBA != fee {
            user.effects.receiptMismatches.append(Mismatch(field: "reservation[\(reservation.reservationID)].fee_uba", expected: String(fee),
                actual: String(reservation.feeUBA), asset: .und))
        }
        user.book.mintings.append(UserBook.Minting(reservation: reservation, agentFeeBips: agent.feeBips, paymentHash: nil))
        user.effects.reservationStatus[reservation.reservationID] = "RESERVED"
        return reservation
    }

    /// Pays a reservation's agent. The reservation and the signed payment's sequence and hash
    /// are on disk before UND leaves, so a crash anywhere in between never makes a later
    /// execute pay a second time (`execute` looks the recorded payment up first).
    static func pay(_ user: LoadUser, reservation: CollateralReservation, agentFeeBips: Int64) async throws -> UserBook.Minting {
        let id = reservation.reservationID
        let tx = try await user.pay(reservation.paymentAmount, to: reservation.paymentAddress,
            reference: reservation.paymentReference, phase: "pay",
            recordIntent: { intent in try await record(intent, of: id, in: user) })
        guard tx.status == .success else { throw ActionFailure.unexpected("minting payment \(tx.hash) failed: \(tx.error ?? "")") }
        user.effects.mintingPayments.append((reservation.lots, agentFeeBips))
        return try paid(user, id, hash: tx.hash)
    }

    /// Keeps a signed payment's intent in the minting's record, durably.
    static func record(_ intent: TransactionIntent, of id: Int64, in user: LoadUser) async throws {
        if let n = user.book.mintings.firstIndex(where: { $0.reservation.reservationID == id }) {
            user.book.mintings[n].paymentIntent = intent
        }
        try await user.saveDurably()
    }

    private static func paid(_ user: LoadUser, _ id: Int64, hash: String) throws -> UserBook.Minting {
        guard let n = user.book.mintings.firstIndex(where: { $0.reservation.reservationID == id }) else {
            throw ActionFailure.unexpected("minting \(id) left the user's book while it was paid")
        }
        user.book.mintings[n].paymentHash = hash
        user.book.mintings[n].paymentIntent = nil
        try user.save()
        return user.book.mintings[n]
    }

    /// The payment an earlier process signed and recorded for `minting` before it stopped:
    /// its hash once included (found, or sent now with the same bytes), nil when it was never
    /// made. Only a payment sent now joins this run's effects.
    private static func recordedPayment(_ user: LoadUser, _ minting: UserBook.Minting) async throws -> String? {
        guard let intent = minting.paymentIntent else { return nil }
        let r = minting.reservation
        let tx: UnderlyingTransaction
        switch try await user.resume(intent, amount: r.paymentAmount, to: r.paymentAddress, reference: r.paymentReference) {
        case .neverMade: return nil
        case .includedEarlier(let earlier): tx = earlier
        case .sentNow(let now):
            tx = now
            if now.status == .success { user.effects.mintingPayments.append((r.lots, minting.agentFeeBips)) }
        }
        guard tx.status == .success else { throw ActionFailure.unexpected("minting payment \(tx.hash) failed: \(tx.error ?? "")") }
        return tx.hash
    }

    /// Executes a stored minting, paying for it first if the earlier run stopped before paying;
    /// returns the payment proof it was executed with.
    @discardableResult
    public static func execute(_ user: LoadUser, _ stored: UserBook.Minting) async throws -> PaymentProof {
        var minting = stored
        let id = minting.reservation.reservationID
        if minting.paymentHash == nil, let hash = try await recordedPayment(user, minting) {
            minting = try paid(user, id, hash: hash)
        }
        if minting.paymentHash == nil {
            minting = try await pay(user, reservation: minting.reservation, agentFeeBips: minting.agentFeeBips)
        }
        guard let hash = minting.paymentHash else { throw ActionFailure.unexpected("minting \(id) has no payment") }
        let proof = try await UnderlyingChain(rpc: user.native.chain.rpc).paymentProof(hash)
        try await user.send(user.asset.executeMinting(reservationID: id, proof: proof), phase: "execute")
        user.effects.executedLots += minting.reservation.lots
        user.effects.reservationStatus[id] = nil
        user.effects.untrackedReservations.insert(id)
        user.book.mintings.removeAll { $0.reservation.reservationID == id }
        try user.save()
        return proof
    }
}
