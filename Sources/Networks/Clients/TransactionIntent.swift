/// A transaction signed and recorded before it is sent: the account's sequence (an
/// underlying payment's sequence, a native transaction's nonce) and the hash it will have.
/// Kept durably, it lets a later process learn what the transaction did after a crash.
public struct TransactionIntent: Codable, Sendable, Equatable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}
