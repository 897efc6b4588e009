import Crypto

/// An Ed25519 account key (SPEC 1). The same key signs native and underlying envelopes.
public struct KeyPair: @unchecked Sendable {  // the private key is an immutable value
    public let privateKey: Curve25519.Signing.PrivateKey

    /// A fresh random key.
    public init() { privateKey = Curve25519.Signing.PrivateKey() }

    /// The key whose 32-byte seed is `seed`.
    public init(seed: [UInt8]) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// The key whose seed is given as 64 lowercase hex characters (as key files hold it).
    public init(seedHex: String) throws(KeyError) {
        guard let bytes = Hex.decode(seedHex.trimmingSpace), bytes.count == 32 else { throw KeyError.malformedSeed }
        do { privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes) } catch { throw KeyError.malformedSeed }
    }

    public var seedHex: String { Hex.encode(privateKey.rawRepresentation) }
    public var publicKeyHex: String { Hex.encode(privateKey.publicKey.rawRepresentation) }

    /// `n` + 64 hex of the public key.
    public var address: String { "n" + publicKeyHex }
    /// `u` + 64 hex of the public key.
    public var underlyingAddress: String { "u" + publicKeyHex }

    /// Signs `message` and returns the 128-hex signature.
    public func sign(_ message: [UInt8]) -> String {
        // Signing with a valid in-memory key cannot fail; an empty signature would be refused by the node.
        (try? Hex.encode(privateKey.signature(for: message))) ?? ""
    }

    /// Signs the canonical bytes of an envelope.
    public func sign(envelope: JSON) -> SignedTransaction {
        SignedTransaction(envelope: envelope, signature: sign(envelope.canonicalBytes))
    }
}

/// A key file or seed that is not 64 lowercase hex characters.
public enum KeyError: Error, Sendable, CustomStringConvertible {
    case malformedSeed
    public var description: String { "a key seed must be 64 lowercase hex characters (32 bytes)" }
}

/// Signature checks for any address of SPEC 1's form.
public enum Signature {
    /// True when `signatureHex` is a valid Ed25519 signature of `message` by the key in `address`.
    public static func isValid(_ signatureHex: String, of message: [UInt8], by address: String) -> Bool {
        guard address.count == 65, AddressKind.native.matches(address) || AddressKind.underlying.matches(address),
            let pub = Hex.decode(address.dropFirst()), let sig = Hex.decode(signatureHex),
            sig.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: pub)
        else { return false }
        return key.isValidSignature(sig, for: message)
    }
}

/// SHA-256 as transaction ids and contract ids use it.
public enum Digest {
    public static func sha256Hex(_ bytes: [UInt8]) -> String { Hex.encode(SHA256.hash(data: bytes)) }
}

extension String {
    var trimmingSpace: String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
