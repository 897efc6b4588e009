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
        for held in user.book.redemptions {
            let id = held.request.requestID
            guard expected.redemptions[id] == "PENDING", actual.redemptions[id] == "SUCCESSFUL" else { continue }
            let field = "redemption[\(id)].payment"
            // SPEC 6: the agent's bot pays pay_uba to the redeemer's underlying address; SPEC 5: a
            // payment to an account whose deposits are blocked fails.
            guard let hash = actual.paymentHashes[id] else {
                out.append(Mismatch(field: field, expected: "the bot's payment_hash (SPEC 9)", actual: "none"))
                continue
            }
            do {
                let tx = try await UnderlyingChain(rpc: user.native.chain.rpc).transaction(hash)
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
            } catch {
                out.append(Mismatch(field: field, expected: "payment \(hash) readable through und_getTransaction", actual: "\(error)"))
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
}
