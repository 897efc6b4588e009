import Devnet
import Networks

/// The invariants checked after every request: the node answers (no trap), every error code
/// is in SPEC's ranges, a refused request or a read changes nothing, a receipt's gas and fee
/// follow SPEC 3, and every amount stays accounted for (`LedgerAudit`).
extension FuzzWorld {
    /// SPEC 2's codes, reads' 1000 + contract code, and refusals' 2000-2099.
    static func isSpecErrorCode(_ code: Int64) -> Bool {
        [-32700, -32600, -32601, -32602].contains(code) || (1000...1999).contains(code) || (2000...2099).contains(code)
    }

    /// Sends `body` and checks the answer. `read` says the request must never change state;
    /// `gas` is the SPEC gas of the signed call it carries, checked against a receipt.
    @discardableResult
    func send(_ body: [UInt8], _ label: String, read: Bool = false, gas: Int64? = nil, notification: Bool = false) -> JSON? {
        let settled = settle()
        let before = node.fingerprint()
        let bytes = node.handle(body)
        let after = node.audit()
        for violation in after.violations { problems.append("\(label): \(violation)") }
        guard let bytes else {
            if !notification { problems.append("\(label): no answer to a request with an id") }
            return nil
        }
        guard let answer = try? JSON.parse(bytes) else {
            problems.append("\(label): the answer is not JSON: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
            return nil
        }
        let answers = answer.arrayValue ?? [answer]
        var changed = false
        for a in answers {
            if let error = a["error"] {
                guard let code = error["code"]?.intValue, Self.isSpecErrorCode(code), error["message"]?.stringValue != nil else {
                    problems.append("\(label): error outside SPEC's ranges: \(error)")
                    continue
                }
            } else if a["result"] != nil {
                changed = changed || !read
                if let gas { check(receipt: a["result"] ?? .null, gas: gas, label) }
            } else {
                problems.append("\(label): an answer with neither result nor error: \(a)")
            }
        }
        // A notification is never answered, so a write among them may have succeeded unseen.
        if settled, !changed, !Self.hasNotification(body), before != after.fingerprint {
            problems.append("\(label): a refused request or a read changed the state")
        }
        let result = answer["result"]
        let status = result?["status"]?.stringValue
        outcomes.append((label, result != nil && (status == nil || status == "success" || status == "SUCCESS")))
        return answer
    }

    /// Whether `body` holds a request without an id (a notification), alone or in a batch.
    static func hasNotification(_ body: [UInt8]) -> Bool {
        guard let request = try? JSON.parse(body) else { return false }
        return (request.arrayValue ?? [request]).contains { item in item.objectValue.map { $0["id"] == nil } ?? false }
    }

    /// Runs due jobs (bounded: a far fast-forward never ends) and says whether none is left,
    /// so that a request's effect on state is its own.
    func settle() -> Bool {
        for _ in 0..<4 where node.runDueJobs() == DevnetNode.jobsPerTick {}
        return !node.hasDueJobs
    }

    /// SPEC 3: `gas_used` is the table's, `fee = gas_used × gas_price`, a revert emits nothing.
    func check(receipt: JSON, gas: Int64, _ label: String) {
        guard let status = receipt["status"]?.stringValue, ["success", "reverted"].contains(status),
            let used = receipt["gas_used"]?.intValue, let fee = receipt["fee"]?.stringValue
        else { return problems.append("\(label): malformed receipt \(receipt)") }
        if used != gas { problems.append("\(label): gas_used \(used), SPEC says \(gas)") }
        if fee != String(Int128(used) * FuzzKeys.genesis.gasPrice) { problems.append("\(label): fee \(fee) ≠ \(used) × gas_price") }
        if status == "reverted", receipt["events"]?.arrayValue?.isEmpty == false { problems.append("\(label): a revert emitted events") }
        if let hash = receipt["hash"]?.stringValue { hashes.append(hash) }
    }
}
