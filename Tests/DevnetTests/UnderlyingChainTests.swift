import Devnet
import Networks
import Testing

@Suite("Devnet underlying chain")
struct UnderlyingChainTests {
    static let fee: Int128 = 12
    static let reference = String(repeating: "ab", count: 32)

    /// A node where alice holds 1000 UND; bob's underlying account exists with 0.
    static func setup() async throws -> (TestNode, UnderlyingChain, alice: UnderlyingAccount, bob: UnderlyingAccount) {
        let t = try TestNode()
        try await t.chain.faucet(try TestKeys.alice().address, nat: 0, und: 1_000 * Units.und)
        try await t.chain.faucet(try TestKeys.bob().address, nat: 0, und: 0)
        let und = UnderlyingChain(rpc: t.rpc)
        let chainID = t.node.genesis.underlyingChainID
        return (t, und, UnderlyingAccount(key: try TestKeys.alice(), chain: und, chainID: chainID),
                UnderlyingAccount(key: try TestKeys.bob(), chain: und, chainID: chainID))
    }

    @Test("a payment moves the amount and costs the sender 12 drops")
    func payment() async throws {
        let (_, und, alice, bob) = try await Self.setup()
        let tx = try await alice.pay(5 * Units.und, to: bob.address, reference: Self.reference)
        #expect(tx.status == .success)
        #expect(tx.fee == Self.fee)
        #expect(try await und.balance(of: alice.address) == 1_000 * Units.und - 5 * Units.und - Self.fee)
        #expect(try await und.balance(of: bob.address) == 5 * Units.und)
        #expect(try await und.sequence(of: alice.address) == 1)
        #expect(try await und.transaction(tx.hash) == tx)
    }

    @Test("a payment into an account that blocks deposits fails with DepositBlocked and still costs the fee")
    func blockedDeposit() async throws {
        let (t, und, alice, bob) = try await Self.setup()
        try await t.chain.faucet(try TestKeys.bob().address, nat: 0, und: 100)
        let blocking = try await bob.setDepositBlocked(true)
        #expect(blocking.status == .success)
        #expect(try await und.balance(of: bob.address) == 100 - Self.fee, "settings changes cost the fee too")
        let tx = try await alice.pay(1_000, to: bob.address)
        #expect(tx.status == .failed)
        #expect(tx.error == "DepositBlocked")
        #expect(try await und.balance(of: alice.address) == 1_000 * Units.und - Self.fee, "only the fee left alice")
        #expect(try await und.balance(of: bob.address) == 100 - Self.fee)
        await expectRPCError(RPCErrorCode.noPaymentProof, "a failed payment has no proof") { try await und.paymentProof(tx.hash) }
        _ = try await bob.setDepositBlocked(false)
        #expect(try await alice.pay(1_000, to: bob.address).status == .success)
    }

    @Test("a payment proof is signed by the attestor over the payment's facts")
    func proof() async throws {
        let (t, und, alice, bob) = try await Self.setup()
        let tx = try await alice.pay(7, to: bob.address, reference: Self.reference)
        let proof = try await und.paymentProof(tx.hash)
        let info = try await t.chain.info()
        #expect(proof.isSigned(by: info.attestor))
        #expect(!proof.isSigned(by: try TestKeys.admin().address), "not by anyone else")
        #expect(proof.json["tx_hash"] == .string(tx.hash))
        #expect(proof.json["to"] == .string(bob.address))
        #expect(proof.json["amount"] == "7")
        #expect(proof.json["reference"] == .string(Self.reference))
        var forged = proof.json
        if case .object(var o) = forged { o["amount"] = "8"; forged = .object(o) }
        #expect(!PaymentProof(json: forged).isSigned(by: info.attestor), "a changed amount breaks the signature")
        await expectRPCError(RPCErrorCode.unknownTransaction, "unknown hash") { try await und.paymentProof(String(repeating: "0", count: 64)) }
    }

    @Test("refused underlying transactions change nothing")
    func refusals() async throws {
        let (t, und, alice, bob) = try await Self.setup()
        let key = try TestKeys.alice()
        let chainID = t.node.genesis.underlyingChainID
        func send(_ envelope: JSON, signer: KeyPair? = nil) async throws -> JSON {
            try await t.rpc.call("und_sendPayment", (signer ?? key).sign(envelope: envelope).json)
        }
        func envelope(sequence: Int64 = 0, chainID: String? = nil, payment: JSON) -> JSON {
            ["chain_id": .string(chainID ?? t.node.genesis.underlyingChainID), "from": .string(alice.address),
             "sequence": .int(sequence), "payment": payment]
        }
        let good: JSON = ["to": .string(bob.address), "amount": "10"]
        await expectRPCError(RPCErrorCode.wrongChainID, "wrong chain") { try await send(envelope(chainID: "other", payment: good)) }
        await expectRPCError(RPCErrorCode.wrongNonce, "sequence gap") { try await send(envelope(sequence: 1, payment: good)) }
        await expectRPCError(RPCErrorCode.badSignature, "signed by bob") { try await send(envelope(payment: good), signer: try TestKeys.bob()) }
        await expectRPCError(RPCErrorCode.insufficientFunds, "more than alice has") {
            try await send(envelope(payment: ["to": .string(bob.address), "amount": .string(String(1_000 * Units.und))]))
        }
        await expectRPCError(RPCErrorCode.invalidParams, "zero amount") { try await send(envelope(payment: ["to": .string(bob.address), "amount": "0"])) }
        await expectRPCError(RPCErrorCode.invalidParams, "bad reference") {
            try await send(envelope(payment: ["to": .string(bob.address), "amount": "1", "reference": "xyz"]))
        }
        await expectRPCError(RPCErrorCode.invalidParams, "native address as destination") {
            try await send(envelope(payment: ["to": .string(key.address), "amount": "1"]))
        }
        await expectRPCError(RPCErrorCode.unknownSender, "unfunded sender") {
            let stranger = try TestKeys.stranger()
            let e: JSON = ["chain_id": .string(chainID), "from": .string(stranger.underlyingAddress), "sequence": 0, "payment": good]
            return try await t.rpc.call("und_sendPayment", stranger.sign(envelope: e).json)
        }
        #expect(try await und.balance(of: alice.address) == 1_000 * Units.und)
        #expect(try await und.sequence(of: alice.address) == 0)
        // A replay of an included payment is refused.
        let first = envelope(payment: good)
        _ = try await send(first)
        await expectRPCError(RPCErrorCode.wrongNonce, "replayed") { try await send(first) }
        #expect(try await und.balance(of: alice.address) == 1_000 * Units.und - 10 - Self.fee)
    }
}
