import Foundation
import Networks

/// The cost of Ed25519 on this machine (swift-crypto): one signature and one verification of
/// a transaction-sized canonical envelope.
enum SigningBench {
    struct Figures {
        let signMicroseconds: Double
        let verifyMicroseconds: Double
        /// Verifications that held (all of them, unless swift-crypto is broken).
        let verified: Int
        let iterations: Int
    }

    static func measure(iterations: Int = 2_000) -> Figures {
        let key = KeyPair()
        let envelope: JSON = ["chain_id": "ledgerqa-devnet-1", "from": .string(key.address), "nonce": 42,
            "call": ["contract": "asset_manager", "method": "reserve_collateral", "args": ["agent": .string(key.address), "lots": 3]]]
        let message = envelope.canonicalBytes
        let clock = ContinuousClock()
        var signature = ""
        let sign = clock.measure { for _ in 0..<iterations { signature = key.sign(message) } }
        var valid = 0
        let verify = clock.measure { for _ in 0..<iterations where Signature.isValid(signature, of: message, by: key.address) { valid += 1 } }
        return Figures(signMicroseconds: sign.milliseconds * 1000 / Double(iterations),
            verifyMicroseconds: verify.milliseconds * 1000 / Double(iterations), verified: valid, iterations: iterations)
    }
}
