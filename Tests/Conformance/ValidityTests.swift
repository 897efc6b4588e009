import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 1 and 2: a transaction that is invalid (bad signature, wrong nonce or sequence, unknown
/// sender, cannot pay gas, wrong chain id) is refused with an error in 2000-2099 and changes
/// nothing, on the native and the underlying chain.
@Suite("Conformance: SPEC 2 invalid transactions", .requiresFunding, .timeLimit(.minutes(5)))
struct ValidityTests {
    /// A funded account, a receiver, and a valid signed transfer of 1 wei at the next nonce.
    struct Setup {
        let node: Node
        let sender: Account
        let receiver = KeyPair().address
        var addresses: [String] { [sender.address, receiver] }

        static func make() async throws -> Setup {
            let node = try await Node.connect()
            return Setup(node: node, sender: try await node.account())
        }

        func tx(nonce: Int64 = 0, key: KeyPair? = nil, chainID: String? = nil, from: String? = nil) -> SignedTransaction {
            nativeTransaction(key: key ?? sender.key, chainID: chainID ?? node.info.chainID, from: from ?? sender.address,
                nonce: nonce, call: transfer(to: receiver, amount: 1))
        }
    }

    @Test("SPEC 2: a forged signature (another envelope's, or random bytes) is refused and changes nothing")
    func forgedSignature() async throws {
        let s = try await Setup.make()
        let other = s.tx(nonce: 1)
        let forged = SignedTransaction(envelope: s.tx().envelope, signature: other.signature)
        try await expectRefused("a signature of another envelope", node: s.node, native: s.addresses) { _ = try await s.node.chain.send(forged) }
        var generator = SeededGenerator(seed: 7)
        let random = Hex.encode((0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try await expectRefused("a random signature", node: s.node, native: s.addresses) {
            _ = try await s.node.chain.send(SignedTransaction(envelope: s.tx().envelope, signature: random))
        }
    }

    @Test("SPEC 2: an envelope signed with another key than its sender's is refused and changes nothing")
    func wrongKey() async throws {
        let s = try await Setup.make()
        let thief = try await s.node.account()
        try await expectRefused("a transfer from the sender signed by another funded key", node: s.node, native: s.addresses + [thief.address]) {
            _ = try await s.node.chain.send(s.tx(key: thief.key, from: s.sender.address))
        }
    }

    @Test("SPEC 2: a malformed signature (short, uppercase, not hex) is refused and changes nothing",
        arguments: ["short", "uppercase", "not hex", "empty"])
    func malformedSignature(kind: String) async throws {
        let s = try await Setup.make()
        let good = s.tx()
        let signature = switch kind {
        case "short": String(good.signature.dropLast(2))
        case "uppercase": good.signature.uppercased()
        case "not hex": String(repeating: "zz", count: 64)
        default: ""
        }
        try await expectRefused("a \(kind) signature", node: s.node, native: s.addresses) {
            _ = try await s.node.chain.send(SignedTransaction(envelope: good.envelope, signature: signature))
        }
    }

    @Test("SPEC 1: a replayed nonce is refused, also with another call, and changes nothing")
    func replayedNonce() async throws {
        let s = try await Setup.make()
        let first = s.tx()
        _ = try await s.node.chain.send(first)
        #expect(try await s.node.chain.nonce(of: s.sender.address) == 1)
        try await expectRefused("the same transaction again", node: s.node, native: s.addresses) { _ = try await s.node.chain.send(first) }
        let other = nativeTransaction(key: s.sender.key, chainID: s.node.info.chainID, nonce: 0, call: transfer(to: s.receiver, amount: 2))
        try await expectRefused("another transaction with a used nonce", node: s.node, native: s.addresses) { _ = try await s.node.chain.send(other) }
    }

    @Test("SPEC 1: a nonce beyond the next one (a gap) is refused; the next one is then accepted")
    func nonceGap() async throws {
        let s = try await Setup.make()
        #expect(try await s.node.chain.nonce(of: s.sender.address) == 0, "a new account's next nonce is 0")
        try await expectRefused("nonce 1 before nonce 0", node: s.node, native: s.addresses) { _ = try await s.node.chain.send(s.tx(nonce: 1)) }
        let receipt = try await s.node.chain.send(s.tx(nonce: 0))
        #expect(receipt.status == .success)
        #expect(try await s.node.chain.nonce(of: s.sender.address) == 1, "an included transaction advances the nonce by one")
    }

    @Test("SPEC 2: a wrong chain id is refused and changes nothing")
    func wrongChainID() async throws {
        let s = try await Setup.make()
        for chainID in [s.node.info.chainID + "-other", s.node.info.underlyingChainID, ""] {
            try await expectRefused("chain id \"\(chainID)\"", node: s.node, native: s.addresses) {
                _ = try await s.node.chain.send(s.tx(chainID: chainID))
            }
        }
    }

    @Test("SPEC 2: a sender the chain has never credited is refused and changes nothing")
    func unknownSender() async throws {
        let node = try await Node.connect()
        let stranger = KeyPair()
        let receiver = KeyPair().address
        try await expectRefused("a transfer from an unknown sender", node: node, native: [stranger.address, receiver]) {
            _ = try await node.chain.send(nativeTransaction(key: stranger, chainID: node.info.chainID, nonce: 0,
                call: Call(contract: "deployer", method: "deploy", args: ["kind": "creator_keys"])))
        }
    }

    @Test("SPEC 2: a sender that cannot pay the gas is refused and changes nothing; exactly the gas is enough")
    func cannotPayGas() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.deploy(node)
        let gas = try specFee(.creatorKeys, "register_creator")  // a call that moves no value
        let poor = try await node.account(nat: gas - 1)
        try await expectRefused("register_creator with 1 wei less than its gas", node: node, native: [poor.address]) {
            _ = try await node.chain.send(nativeTransaction(key: poor.key, chainID: node.info.chainID, nonce: 0,
                call: instance.call("register_creator", ["handle": "poor"])))
        }
        let exact = try await node.account(nat: gas)
        let receipt = try await instance.send("register_creator", ["handle": "exact"], by: exact)
        #expect(receipt.status == .success, "\(receipt.json)")
        #expect(try await node.nat(exact.address) == 0, "the whole balance paid the gas")
    }

    @Test("SPEC 1, 2: on the underlying chain, bad signatures, replayed or skipped sequences, wrong chain ids, unknown senders and unpayable fees are refused")
    func underlyingRefusals() async throws {
        let node = try await Node.connect()
        let sender = try await node.party(nat: 0, und: 100 * Units.und)
        let to = KeyPair().underlyingAddress
        let chainID = node.info.underlyingChainID
        let watched = [sender.undAddress, to]
        func pay(_ sequence: Int64 = 0, key: KeyPair? = nil, chain: String? = nil, amount: Int128 = 1) -> SignedTransaction {
            underlyingPayment(key: key ?? sender.account.key, chainID: chain ?? chainID, sequence: sequence, to: to, amount: Amount.wire(amount))
        }
        func send(_ tx: SignedTransaction) async throws { _ = try await node.connection.rpc.call("und_sendPayment", tx.json) }
        let thief = KeyPair()
        let stolen = SignedTransaction(envelope: pay().envelope, signature: thief.sign(pay().envelope.canonicalBytes))
        try await expectRefused("a payment signed by another key", node: node, underlying: watched) { try await send(stolen) }
        try await expectRefused("a payment with a malformed signature", node: node, underlying: watched) {
            try await send(SignedTransaction(envelope: pay().envelope, signature: "00"))
        }
        try await expectRefused("sequence 1 before 0", node: node, underlying: watched) { try await send(pay(1)) }
        try await expectRefused("the native chain id", node: node, underlying: watched) { try await send(pay(chain: node.info.chainID)) }
        let poor = try await node.party(nat: 0, und: UnderlyingChain.transactionFee - 1)
        try await expectRefused("a payment from an account that cannot pay the 12-drop fee", node: node, underlying: watched + [poor.undAddress]) {
            try await send(underlyingPayment(key: poor.account.key, chainID: chainID, sequence: 0, to: to, amount: Amount.wire(1)))
        }
        let stranger = KeyPair()
        try await expectRefused("a payment from an unknown sender", node: node, underlying: watched + [stranger.underlyingAddress]) {
            try await send(underlyingPayment(key: stranger, chainID: chainID, sequence: 0, to: to, amount: Amount.wire(1)))
        }
        let fee = UnderlyingChain.transactionFee
        let first = pay(amount: 40 * Units.und)
        try await send(first)
        #expect(try await node.und(sender.undAddress) == 60 * Units.und - fee)
        // The sender can still pay: only the sequence rule refuses these.
        try await expectRefused("the same payment again", node: node, underlying: watched) { try await send(first) }
        try await expectRefused("another payment with the used sequence 0", node: node, underlying: watched) { try await send(pay(0, amount: 2)) }
        let rest = pay(1, amount: 60 * Units.und - 2 * fee)  // exactly the balance with the fee
        try await send(rest)
        #expect(try await node.und(sender.undAddress) == 0, "amount + 12-drop fee = the whole balance")
        #expect(try await node.und(to) == 100 * Units.und - 2 * fee)
    }
}
