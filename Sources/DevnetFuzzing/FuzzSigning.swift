import Devnet
import Networks

/// Valid signed transactions of every kind, so the fuzzer gets past signature and nonce
/// checks into the contracts; now and then one is spoiled on purpose (nonce, signature,
/// chain id, sender, shape), which the node must refuse without changing anything.
extension FuzzWorld {
    /// Signs `call` from actor `from` with its next nonce (or a spoiled variant) and sends it.
    @discardableResult
    func transact(_ input: inout FuzzInput, from actor: Int, _ call: Call, gas: Int64?) -> JSON? {
        let key = FuzzKeys.actors[actor % FuzzKeys.actors.count]
        let address = FuzzKeys.addresses[actor % FuzzKeys.actors.count]
        var envelope: [String: JSON] = [
            "chain_id": .string(FuzzKeys.genesis.chainID), "from": .string(address), "nonce": .int(nonce(address)), "call": call.json,
        ]
        let spoil = input.byte()
        var signer = key
        switch spoil {
        case 240...242: envelope["nonce"] = .int(nonce(address) &+ 1)
        case 243...244: envelope["nonce"] = .int(nonce(address) &- 1)
        case 245: envelope["chain_id"] = "ledgerqa-devnet-0"
        case 246: signer = FuzzKeys.actors[(actor + 1) % FuzzKeys.actors.count]
        case 247: envelope["from"] = .string(FuzzKeys.addresses[4])
        case 248: envelope["nonce"] = .string("0")
        case 249: envelope["extra"] = input.json()
        case 250: envelope["call"] = input.object()
        default: break
        }
        var signed = signer.sign(envelope: .object(envelope)).json
        switch spoil {
        case 251: signed = ["envelope": .object(envelope), "signature": .string(String(repeating: "0", count: 128))]
        case 252: signed = ["envelope": .object(envelope), "signature": "zz"]
        case 253: signed = ["envelope": .object(envelope)]
        default: break
        }
        let spoiled = spoil >= 240
        let answer = send(FuzzRequest.make("nat_sendTransaction", signed), "\(call.contract).\(call.method)\(spoiled ? " (spoiled \(spoil))" : "")",
            gas: spoiled ? nil : gas)
        // An included transaction (a receipt, even a reverted one) used the signer's nonce.
        if answer?["result"] != nil, case .string(let from)? = envelope["from"], let n = nonces[from] { nonces[from] = n &+ 1 }
        return answer
    }

    /// Signs an underlying envelope `{chain_id, from, sequence, <key>: body}` and sends it.
    @discardableResult
    func transactUnderlying(_ input: inout FuzzInput, from actor: Int, method: String, key: String, body: JSON) -> JSON? {
        let signer = FuzzKeys.actors[actor % FuzzKeys.actors.count]
        let address = "u" + FuzzKeys.addresses[actor % FuzzKeys.actors.count].dropFirst()
        var envelope: [String: JSON] = [
            "chain_id": .string(FuzzKeys.genesis.underlyingChainID), "from": .string(address), "sequence": .int(sequence(address)), key: body,
        ]
        let spoil = input.byte()
        switch spoil {
        case 240...243: envelope["sequence"] = .int(sequence(address) &+ Int64(spoil) - 242)
        case 244: envelope["chain_id"] = "ledgerqa-und-0"
        case 245: envelope[key] = input.object()
        default: break
        }
        let signed = (spoil == 246 ? FuzzKeys.actors[(actor + 1) % FuzzKeys.actors.count] : signer).sign(envelope: .object(envelope)).json
        let answer = send(FuzzRequest.make(method, signed), "\(method)\((240...246).contains(spoil) ? " (spoiled \(spoil))" : "")")
        if let hash = answer?["result"]?["hash"]?.stringValue {
            payments.append(hash)
            sequences[address, default: 0] += 1
        }
        return answer
    }
}
