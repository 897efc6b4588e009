/// An underlying payment signed and recorded before it is sent: the account's sequence it
/// uses and the transaction hash it will have.
public struct PaymentIntent: Codable, Sendable, Equatable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}
