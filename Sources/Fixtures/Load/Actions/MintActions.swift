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
        // The reservation is on disk before UND leaves: a crash after paying still finds it.
        try await user.saveDurably()
        let tx = try await user.pay(reservation.paymentAmount, to: reservation.paymentAddress,
            reference: reservation.paymentReference, phase: "pay")
        guard tx.status == .success else { throw ActionFailure.unexpected("minting payment \(tx.hash) failed: \(tx.error ?? "")") }
        user.effects.mintingPayments.append((lots, agent.feeBips))
        if let n = user.book.mintings.firstIndex(where: { $0.reservation.reservationID == reservation.reservationID }) {
            user.book.mintings[n].paymentHash = tx.hash
        }
        try user.save()
        if executeNow, let minting = user.book.mintings.first(where: { $0.reservation.reservationID == reservation.reservationID }) {
            return (reservation.reservationID, try await execute(user, minting))
        }
        return nil
    }

    /// Executes a stored minting, paying for it first if the earlier run stopped before paying;
    /// returns the payment proof it was executed with.
    @discardableResult
    public static func execute(_ user: LoadUser, _ stored: UserBook.Minting) async throws -> PaymentProof {
        var minting = stored
        let id = minting.reservation.reservationID
        if minting.paymentHash == nil {
            let tx = try await user.pay(minting.reservation.paymentAmount, to: minting.reservation.paymentAddress,
                reference: minting.reservation.paymentReference, phase: "pay")
            guard tx.status == .success else { throw ActionFailure.unexpected("minting payment \(tx.hash) failed") }
            user.effects.mintingPayments.append((minting.reservation.lots, minting.agentFeeBips))
            minting.paymentHash = tx.hash
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
