import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 5: the underlying chain's payments, their 12-drop fee, references, blocked deposits,
/// and payment proofs signed by `devnet_info.attestor`, verified here with Ed25519.
@Suite("Conformance: SPEC 5 underlying chain", .requiresFunding, .timeLimit(.minutes(5)))
struct UnderlyingTests {
    @Test("SPEC 5: a payment costs the sender exactly the amount + 12 drops; the receiver gets exactly the amount; the sequence advances")
    func paymentFee() async throws {
        let node = try await Node.connect()
        let sender = try await node.party(nat: 0, und: 50 * Units.und)
        let receiver = KeyPair().underlyingAddress
        let reference = Digest.sha256Hex(Array("conformance".utf8))
        let tx = try await sender.und.pay(1_234_567, to: receiver, reference: reference)
        #expect(tx.status == .success)
        #expect(try await node.und(sender.undAddress) == 50 * Units.und - 1_234_567 - 12)
        #expect(try await node.und(receiver) == 1_234_567)
        #expect(try await node.underlying.sequence(of: sender.undAddress) == 1)
        let read = try await node.underlying.transaction(tx.hash)
        #expect(read.hash == tx.hash && read.status == .success)
    }

    @Test("SPEC 5: a reference that is not 64 hex characters is refused and changes nothing",
        arguments: ["abc", String(repeating: "g", count: 64), String(repeating: "A", count: 64), String(repeating: "a", count: 65)])
    func badReference(reference: String) async throws {
        let node = try await Node.connect()
        let sender = try await node.party(nat: 0, und: 10 * Units.und)
        let receiver = KeyPair().underlyingAddress
        let tx = underlyingPayment(key: sender.account.key, chainID: node.info.underlyingChainID, sequence: 0, to: receiver,
            amount: Amount.wire(5), reference: reference)
        let before = try await LedgerView.read(node, underlying: [sender.undAddress, receiver])
        do {
            _ = try await node.connection.rpc.call("und_sendPayment", tx.json)
            Issue.record("a reference \"\(reference)\" was accepted")
        } catch let error as RPCError {
            #expect(error.code == RPCErrorCode.invalidParams || refusalCodes.contains(error.code), "\(error)")
        }
        #expect(try await LedgerView.read(node, underlying: [sender.undAddress, receiver]) == before)
    }

    @Test("SPEC 5: a payment into blocked deposits fails with DepositBlocked: the sender pays the fee only, the amount stays, there is no proof")
    func blockedDeposits() async throws {
        let node = try await Node.connect()
        let sender = try await node.party(nat: 0, und: 50 * Units.und)
        let receiver = try await node.party(nat: 0, und: 1 * Units.und)
        #expect(try await receiver.und.setDepositBlocked(true).status == .success)
        let receiverBefore = try await node.und(receiver.undAddress)
        let tx = try await sender.und.pay(7 * Units.und, to: receiver.undAddress)
        #expect(tx.status == .failed && tx.error == "DepositBlocked", "\(tx)")
        #expect(try await node.und(sender.undAddress) == 50 * Units.und - 12, "only the fee")
        #expect(try await node.und(receiver.undAddress) == receiverBefore, "nothing arrived")
        do {
            _ = try await node.underlying.paymentProof(tx.hash)
            Issue.record("a failed payment has a proof")
        } catch is RPCError {}
        #expect(try await receiver.und.setDepositBlocked(false).status == .success)
        let unblocked = try await node.und(receiver.undAddress)
        #expect(try await sender.und.pay(7 * Units.und, to: receiver.undAddress).status == .success, "unblocked deposits arrive")
        #expect(try await node.und(receiver.undAddress) == unblocked + 7 * Units.und)
    }

    @Test("SPEC 5: a payment proof {tx_hash, from, to, amount, reference, timestamp, signature} is the attestor's Ed25519 signature over the rest")
    func paymentProof() async throws {
        let node = try await Node.connect()
        let sender = try await node.party(nat: 0, und: 50 * Units.und)
        let receiver = KeyPair().underlyingAddress
        let reference = Digest.sha256Hex(Array("proof".utf8))
        let tx = try await sender.und.pay(3 * Units.und, to: receiver, reference: reference)
        let proof = try await node.underlying.paymentProof(tx.hash).json
        let fields = Set(proof.objectValue?.keys.map { $0 } ?? [])
        #expect(fields == ["tx_hash", "from", "to", "amount", "reference", "timestamp", "signature"], "proof members: \(fields.sorted())")
        #expect(proof["tx_hash"] == .string(tx.hash) && proof["from"] == .string(sender.undAddress) && proof["to"] == .string(receiver))
        #expect(proof["amount"] == Amount.wire(3 * Units.und) && proof["reference"] == .string(reference))
        #expect(AddressKind.native.matches(node.info.attestor) || AddressKind.underlying.matches(node.info.attestor), "attestor \(node.info.attestor)")
        #expect(Self.verify(proof, attestor: node.info.attestor), "the signature verifies against devnet_info.attestor")
        for (field, forged) in [("amount", Amount.wire(3 * Units.und + 1)), ("to", .string(KeyPair().underlyingAddress)),
            ("reference", .string(String(repeating: "0", count: 64)))]
        {
            var tampered = proof.objectValue ?? [:]
            tampered[field] = forged
            #expect(!Self.verify(.object(tampered), attestor: node.info.attestor), "a proof with another \(field) does not verify")
        }
        #expect(!Self.verify(proof, attestor: KeyPair().address), "another key did not sign it")
    }

    /// Checks the Ed25519 signature of a proof by `attestor` over the canonical JSON of its other members.
    static func verify(_ proof: JSON, attestor: String) -> Bool {
        guard case .object(var body) = proof, case .string(let signature)? = body.removeValue(forKey: "signature") else { return false }
        return Signature.isValid(signature, of: JSON.object(body).canonicalBytes, by: attestor)
    }
}
