import Devnet
import Networks

/// Building, signing and sending transactions, well-formed or deliberately not.
extension TestNode {
    /// Credits `nat` wei to `address` through the faucet.
    func fund(_ address: String, nat: Int128) async throws {
        try await chain.faucet(address, nat: nat)
    }

    /// The unsigned native envelope, on this chain unless `chainID` says otherwise.
    func envelope(from key: KeyPair, nonce: Int64, call: Call, chainID: String? = nil) -> JSON {
        NativeEnvelope(chainID: chainID ?? self.chainID, from: key.address, nonce: nonce, call: call).json
    }

    /// Signs any envelope JSON with `key` and sends it; returns the raw receipt JSON.
    func send(envelope: JSON, signedBy key: KeyPair) async throws -> JSON {
        try await rpc.call("nat_sendTransaction", key.sign(envelope: envelope).json)
    }

    /// Sends an envelope with the signature given as is.
    func send(envelope: JSON, signature: String) async throws -> JSON {
        try await rpc.call("nat_sendTransaction", ["envelope": envelope, "signature": .string(signature)])
    }

    /// Signs `call` with the sender's next nonce, sends it and decodes the receipt.
    func submit(_ call: Call, by key: KeyPair) async throws -> Receipt {
        let nonce = try await chain.nonce(of: key.address)
        return try Receipt(json: try await send(envelope: envelope(from: key, nonce: nonce, call: call), signedBy: key))
    }

    /// A native transfer call.
    static func transfer(to: String, amount: String) -> Call {
        Call(contract: "native", method: "transfer", args: ["to": .string(to), "amount": .string(amount)])
    }

    /// Deploys a creator-keys instance with `key` as its admin and returns its id.
    func deployCreatorKeys(by key: KeyPair) async throws -> String {
        let receipt = try await submit(Call(contract: "deployer", method: "deploy", args: ["kind": "creator_keys"]), by: key)
        guard receipt.status == .success, let id = receipt.result?["contract"]?.stringValue else {
            throw DecodingFailure("deploy did not succeed: \(receipt.json)")
        }
        return id
    }
}
