import Foundation
import Networks

/// SPEC's rules for what may change without the user between two reads, each with its
/// condition. The engine accepts a transition only after it held; otherwise it is a mismatch
/// naming the rule.
enum Transitions {
    /// Seconds the node's clock and this machine's may differ by before an early expiry counts.
    static let clockTolerance: Int64 = 2

    /// Checks every transition from `expected` (the state the user's own action leads to) to
    /// `actual`, reading what a rule needs (a redemption's payment) through the API.
    static func violations(_ user: LoadUser, expected: UserState, actual: UserState) async -> [Mismatch] {
        var out: [Mismatch] = []
        // SPEC 6: the agent's bot pays pay_uba to the redeemer's underlying address; SPEC 5: a
        // payment to an account whose deposits are blocked fails. Every payment is looked up in
        // one batch.
        var paid: [(held: UserBook.Redemption, hash: String)] = []
        for held in user.book.redemptions {
            let id = held.request.requestID
            guard expected.redemptions[id] == "PENDING", actual.redemptions[id] == "SUCCESSFUL" else { continue }
            guard let hash = actual.paymentHashes[id] else {
                out.append(Mismatch(field: "redemption[\(id)].payment", expected: "the bot's payment_hash (SPEC 9)", actual: "none"))
                continue
            }
            paid.append((held, hash))
        }
        if !paid.isEmpty {
            let answers: [Result<JSON, RPCError>]
            do {
                answers = try await user.native.chain.rpc.batch(paid.map { ("und_getTransaction", ["hash": .string($0.hash)]) })
            } catch {
                answers = []
                out += paid.map { Mismatch(field: "redemption[\($0.held.request.requestID)].payment",
                    expected: "payment \($0.hash) readable through und_getTransaction", actual: "\(error)") }
            }
            for ((held, hash), answer) in zip(paid, answers) {
                let field = "redemption[\(held.request.requestID)].payment"
                do {
                    out += paymentMismatches(user, held: held, tx: try UnderlyingTransaction(json: try answer.get()), field: field)
                } catch {
                    out.append(Mismatch(field: field, expected: "payment \(hash) readable through und_getTransaction", actual: "\(error)"))
                }
            }
        }
        let now = user.now
        for held in user.book.mintings {
            let id = held.reservation.reservationID
            guard expected.reservations[id] == "RESERVED", actual.reservations[id] == "EXPIRED" else { continue }
            // SPEC 6: an unpaid reservation expires after its deadline.
            if now + clockTolerance < held.reservation.deadline {
                out.append(Mismatch(field: "reservation[\(id)].status", expected: "RESERVED until \(held.reservation.deadline)",
                    actual: "EXPIRED at \(now)"))
            }
        }
        return out
    }

    /// What SPEC says of a bot's payment of `held`: successful, to the redeemer, `pay_uba`,
    /// and not while the redeemer's deposits were blocked.
    static func paymentMismatches(_ user: LoadUser, held: UserBook.Redemption, tx: UnderlyingTransaction, field: String) -> [Mismatch] {
        var out: [Mismatch] = []
        if tx.status != .success {
            out.append(Mismatch(field: "\(field).status", expected: "SUCCESS", actual: tx.status.rawValue))
        }
        if tx.to != user.underlying.address {
            out.append(Mismatch(field: "\(field).to", expected: user.underlying.address, actual: tx.to ?? "none"))
        }
        let pay = held.request.valueUBA - held.request.valueUBA * Int128(user.settings.redemptionFeeBips) / 10_000
        if tx.amount != pay {
            out.append(Mismatch(field: "\(field).amount", expected: String(pay), actual: tx.amount.map(String.init) ?? "none", asset: .und))
        }
        if let at = tx.timestamp, user.depositsBlocked(at: at) {
            out.append(Mismatch(field: "\(field).deposits", expected: "a failed payment: the redeemer blocked deposits",
                actual: "paid at \(at) while deposits were blocked"))
        }
        return out
    }
}
