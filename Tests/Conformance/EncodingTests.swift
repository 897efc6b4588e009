import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 1: addresses, amounts as decimal strings, params by name, canonical signing and
/// transaction ids.
@Suite("Conformance: SPEC 1 encoding", .requiresFunding, .timeLimit(.minutes(5)))
struct EncodingTests {
    /// Amount strings SPEC 1 calls invalid params: negative, fractional, empty, non-numeric.
    static let badAmounts: [JSON] = ["-1", "1.5", "", "ten", "1e3", "0x10", " 1", 1_000]

    @Test("SPEC 1: addresses are n/u + 64 lowercase hex of the key, contract ids c + 64 hex")
    func addresses() async throws {
        let node = try await Node.connect()
        #expect(AddressKind.native.matches(node.info.admin), "devnet_info.admin: \(node.info.admin)")
        let key = KeyPair()
        #expect(key.address == "n" + key.publicKeyHex && key.underlyingAddress == "u" + key.publicKeyHex)
        let instance = try await KeysInstance.deploy(node)
        #expect(AddressKind.contract.matches(instance.id), "a deployed contract id: \(instance.id)")
    }

    @Test("SPEC 1: amounts read back are decimal strings")
    func amountsAreStrings() async throws {
        let node = try await Node.connect()
        let account = try await node.account(nat: 1_234 * Units.nat)
        let raw = try await node.connection.rpc.call("nat_getBalance", ["address": .string(account.address)])
        #expect(raw == .string("1234000000000000000000"), "nat_getBalance answers a decimal string: \(raw)")
        let receipt = try await node.succeed(transfer(to: KeyPair().address, amount: 1), .native, by: account)
        let rawReceipt = try await node.connection.rpc.call("nat_getReceipt", ["hash": .string(receipt.hash)])
        #expect(rawReceipt["fee"] == .string(String(SpecGas.fee(gas: 21_000))), "a receipt's fee is a decimal string: \(rawReceipt)")
    }

    @Test("SPEC 1: a native amount that is negative, fractional, empty, non-numeric or a JSON number is invalid params, and nothing moves",
        arguments: badAmounts)
    func badNativeAmount(amount: JSON) async throws {
        let node = try await Node.connect()
        let sender = try await node.account()
        let receiver = KeyPair().address
        let tx = nativeTransaction(key: sender.key, chainID: node.info.chainID, nonce: 0,
            call: Call(contract: "native", method: "transfer", args: ["to": .string(receiver), "amount": amount]))
        let before = try await LedgerView.read(node, native: [sender.address, receiver])
        await expectRPCError(RPCErrorCode.invalidParams, "transfer of amount \(amount)") { _ = try await node.chain.send(tx) }
        #expect(try await LedgerView.read(node, native: [sender.address, receiver]) == before)
    }

    @Test("SPEC 1: an underlying amount that is negative, fractional, empty, non-numeric or a JSON number is invalid params, and nothing moves",
        arguments: badAmounts)
    func badUnderlyingAmount(amount: JSON) async throws {
        let node = try await Node.connect()
        let sender = try await node.party(nat: 0, und: 100 * Units.und)
        let receiver = KeyPair().underlyingAddress
        let tx = underlyingPayment(key: sender.account.key, chainID: node.info.underlyingChainID, sequence: 0, to: receiver, amount: amount)
        let before = try await LedgerView.read(node, underlying: [sender.undAddress, receiver])
        await expectRPCError(RPCErrorCode.invalidParams, "payment of amount \(amount)") {
            _ = try await node.connection.rpc.call("und_sendPayment", tx.json)
        }
        #expect(try await LedgerView.read(node, underlying: [sender.undAddress, receiver]) == before)
    }

    @Test("SPEC 1: params are passed by name; by position they are invalid params")
    func paramsByName() async throws {
        let node = try await Node.connect()
        await expectRPCError(RPCErrorCode.invalidParams, "nat_getBalance with params by position") {
            _ = try await node.connection.rpc.call("nat_getBalance", [.string(node.info.admin)])
        }
    }

    @Test("SPEC 1: a transaction's id is the SHA-256 hex of its canonical envelope, on both chains")
    func transactionIDs() async throws {
        let node = try await Node.connect()
        let sender = try await node.party()
        let tx = nativeTransaction(key: sender.account.key, chainID: node.info.chainID, nonce: 0, call: transfer(to: KeyPair().address, amount: 5))
        let receipt = try await node.chain.send(tx)
        #expect(receipt.hash == Digest.sha256Hex(tx.envelope.canonicalBytes) && receipt.hash == tx.hash, "\(receipt.hash)")
        #expect(try await node.chain.receipt(tx.hash) == receipt, "nat_getReceipt answers the same receipt")
        let payment = underlyingPayment(key: sender.account.key, chainID: node.info.underlyingChainID, sequence: 0,
            to: KeyPair().underlyingAddress, amount: Amount.wire(7))
        let result = try await node.connection.rpc.call("und_sendPayment", payment.json)
        #expect(result["hash"] == nil || result["hash"] == .string(payment.hash), "und_sendPayment's hash: \(result)")
        let read = try await node.underlying.transaction(payment.hash)
        #expect(read.hash == payment.hash && read.status == .success, "und_getTransaction finds it by its id: \(read)")
    }

    @Test("SPEC 1: the signature covers the canonical envelope; one over any other serialization is refused")
    func signatureOverCanonicalBytes() async throws {
        let node = try await Node.connect()
        let sender = try await node.account()
        let envelope = NativeEnvelope(chainID: node.info.chainID, from: sender.address, nonce: 0, call: transfer(to: KeyPair().address, amount: 1)).json
        let pretty = Array("{ \"from\": \"\(sender.address)\", \"chain_id\": \"\(node.info.chainID)\", \"nonce\": 0, \"call\": \(envelope["call"] ?? .null) }".utf8)
        let tx = SignedTransaction(envelope: envelope, signature: sender.key.sign(pretty))
        try await expectRefused("a signature over a non-canonical serialization", node: node, native: [sender.address]) {
            _ = try await node.chain.send(tx)
        }
    }
}
