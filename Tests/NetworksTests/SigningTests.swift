import Networks
import Testing

/// Ed25519 keys, addresses and signatures (SPEC 1), checked against vectors made by an
/// outside implementation (Python `cryptography` 48), so the two agree on the wire.
@Suite("Signing")
struct SigningTests {
    /// The seed bytes 0x00, 0x01, ..., 0x1f.
    static let seed: [UInt8] = Array(0...31)
    static let publicKeyHex = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
    static let message = Array("ledgerqa interoperability vector".utf8)
    /// Python: `Ed25519PrivateKey.from_private_bytes(seed).sign(message).hex()`.
    static let messageSignature =
        "0544a4567383ce36e362b5175a7b1a0272d1427a0b4fc861be6c19cc4f8a54c8"
        + "835ee42259986038ce39800fa211c52a6252db2891ded5fd8a128c6033e5850e"
    /// Python: `json.dumps(envelope, sort_keys=True, separators=(",", ":"))` of a transfer to self.
    static let canonicalEnvelope =
        #"{"call":{"args":{"amount":"1","to":"n03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"},"#
        + #""contract":"native","method":"transfer"},"chain_id":"ledgerqa-devnet-1","#
        + #""from":"n03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8","nonce":0}"#
    static let envelopeSignature =
        "355d8489a5d5534a3515986abc2b1702cc0e7e2bfb9678ca0c82f1e9375f6b39"
        + "fca9edaddeca94be82815657090371b91c43f01a8edf6ee0c6fee1490284b802"
    /// Python: `hashlib.sha256(canonical_envelope).hexdigest()`.
    static let envelopeHash = "985c2a19dfe6b1e64a1d8957d79ef731b287d70d6b7ff152efa1347edee06ee9"

    static func fixedKey() throws -> KeyPair { try KeyPair(seed: seed) }

    static var envelope: JSON {
        let address = "n" + publicKeyHex
        return NativeEnvelope(
            chainID: "ledgerqa-devnet-1", from: address, nonce: 0,
            call: Call(contract: "native", method: "transfer", args: ["to": .string(address), "amount": "1"])
        ).json
    }

    /// `hex` with one bit of the character at `index` changed (stays lowercase hex).
    static func flippingBit(of hex: String, at index: Int) -> String {
        var bytes = Hex.decode(hex) ?? []
        bytes[index / 2] ^= index % 2 == 0 ? 0x10 : 0x01
        return Hex.encode(bytes)
    }

    @Test("a key from a fixed seed has the public key and addresses an outside implementation derives")
    func fixedSeedAddress() throws {
        let key = try Self.fixedKey()
        #expect(key.publicKeyHex == Self.publicKeyHex)
        #expect(key.address == "n" + Self.publicKeyHex)
        #expect(key.underlyingAddress == "u" + Self.publicKeyHex)
        #expect(key.seedHex == Hex.encode(Self.seed))
    }

    @Test("seed hex round-trips and malformed seeds are refused")
    func seedHex() throws {
        let key = try KeyPair(seedHex: Hex.encode(Self.seed))
        #expect(key.address == "n" + Self.publicKeyHex)
        #expect(try KeyPair(seedHex: Hex.encode(Self.seed) + "\n").address == key.address, "a key file's trailing newline is fine")
        for bad in ["", "00", String(repeating: "0", count: 63), String(repeating: "0", count: 66), String(repeating: "g", count: 64),
                    Hex.encode(Self.seed).uppercased()] {
            #expect(throws: KeyError.self, "seed \(bad.debugDescription)") { try KeyPair(seedHex: bad) }
        }
    }

    @Test("signatures match the outside implementation byte for byte (Ed25519 is deterministic)")
    func signatureVector() throws {
        let key = try Self.fixedKey()
        #expect(key.sign(Self.message) == Self.messageSignature)
        #expect(Signature.isValid(Self.messageSignature, of: Self.message, by: key.address))
    }

    @Test("an envelope is signed over its canonical bytes, as the outside implementation does")
    func envelopeVector() throws {
        let key = try Self.fixedKey()
        #expect(Self.envelope.canonicalString == Self.canonicalEnvelope)
        let signed = key.sign(envelope: Self.envelope)
        #expect(signed.signature == Self.envelopeSignature)
        #expect(signed.envelope == Self.envelope)
        #expect(Signature.isValid(signed.signature, of: Array(Self.canonicalEnvelope.utf8), by: key.address))
    }

    @Test("a transaction hash is the SHA-256 hex of the canonical envelope")
    func transactionHash() throws {
        let signed = try Self.fixedKey().sign(envelope: Self.envelope)
        #expect(signed.hash == Self.envelopeHash)
        #expect(Digest.sha256Hex(Array(Self.canonicalEnvelope.utf8)) == Self.envelopeHash)
        #expect(Digest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 of nothing")
    }

    @Test("the hash does not depend on the signature or on key order in the source")
    func hashIgnoresSignature() throws {
        let a = SignedTransaction(envelope: Self.envelope, signature: Self.envelopeSignature)
        let b = SignedTransaction(envelope: Self.envelope, signature: String(repeating: "0", count: 128))
        #expect(a.hash == b.hash)
        let reordered = try JSON.parse(
            #"{"nonce":0,"from":"n\#(Self.publicKeyHex)","chain_id":"ledgerqa-devnet-1","call":{"method":"transfer","contract":"native","args":{"to":"n\#(Self.publicKeyHex)","amount":"1"}}}"#
        )
        #expect(SignedTransaction(envelope: reordered, signature: "").hash == Self.envelopeHash)
    }

    @Test("the signed wire form is {envelope, signature}")
    func signedJSON() throws {
        let signed = try Self.fixedKey().sign(envelope: Self.envelope)
        #expect(signed.json == ["envelope": Self.envelope, "signature": .string(Self.envelopeSignature)])
    }

    @Test("a flipped bit anywhere in the signature is refused", arguments: [0, 1, 63, 64, 127])
    func flippedSignatureBit(index: Int) throws {
        let address = try Self.fixedKey().address
        let bad = Self.flippingBit(of: Self.messageSignature, at: index)
        #expect(bad != Self.messageSignature)
        #expect(!Signature.isValid(bad, of: Self.message, by: address))
    }

    @Test("a changed message is refused")
    func changedMessage() throws {
        let address = try Self.fixedKey().address
        var message = Self.message
        message[0] ^= 0x01
        #expect(!Signature.isValid(Self.messageSignature, of: message, by: address))
        #expect(!Signature.isValid(Self.messageSignature, of: [], by: address))
    }

    @Test("another key's address is refused")
    func wrongKey() throws {
        let other = try KeyPair(seed: Array(repeating: 7, count: 32))
        #expect(!Signature.isValid(Self.messageSignature, of: Self.message, by: other.address))
        #expect(Signature.isValid(other.sign(Self.message), of: Self.message, by: other.address))
    }

    @Test(
        "malformed signature hex is refused",
        arguments: [
            ("uppercase", messageSignature.uppercased()),
            ("non-hex character", "zz" + messageSignature.dropFirst(2)),
            ("odd length", String(messageSignature.dropLast())),
            ("empty", ""),
            ("0x prefix", "0x" + messageSignature.dropLast(2)),
        ])
    func malformedSignature(name: String, signature: String) throws {
        let address = try Self.fixedKey().address
        #expect(!Signature.isValid(signature, of: Self.message, by: address), "\(name)")
    }

    @Test("a signature of the wrong length is refused", arguments: [62, 63, 65, 128])
    func wrongLength(bytes: Int) throws {
        let address = try Self.fixedKey().address
        let full = Hex.decode(Self.messageSignature) ?? []
        let resized = bytes <= 64 ? Array(full.prefix(bytes)) : full + Array(repeating: 0, count: bytes - 64)
        #expect(!Signature.isValid(Hex.encode(resized), of: Self.message, by: address))
    }

    @Test("a malformed address is refused", arguments: [
        "", "n", "n" + String(publicKeyHex.dropLast(2)), "n" + publicKeyHex + "00", "n" + publicKeyHex.uppercased(),
    ])
    func malformedAddress(address: String) {
        #expect(!Signature.isValid(Self.messageSignature, of: Self.message, by: address))
    }

    @Test("the underlying address of the same key verifies the same signature")
    func underlyingAddress() throws {
        let key = try Self.fixedKey()
        #expect(Signature.isValid(Self.messageSignature, of: Self.message, by: key.underlyingAddress))
    }

    @Test("addresses have the SPEC 1 form: a prefix and 64 lowercase hex characters")
    func addressForm() throws {
        let key = try Self.fixedKey()
        #expect(AddressKind.native.matches(key.address))
        #expect(AddressKind.underlying.matches(key.underlyingAddress))
        #expect(!AddressKind.native.matches(key.underlyingAddress), "a 'u' address is not a native one")
        #expect(!AddressKind.contract.matches(key.address))
    }
}
