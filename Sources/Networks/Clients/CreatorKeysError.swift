/// The error codes of the creator-keys contract (SPEC 4).
public enum CreatorKeysError: Int, Error, Sendable, CaseIterable, CustomStringConvertible {
    case alreadyRegistered = 1
    case notRegistered = 2
    case overflow = 3
    case insufficientPayment = 4
    case keyPriceNotSet = 5
    case notPositiveAmount = 6
    case feeConfigNotSet = 7
    case invalidFeeConfig = 8
    case insufficientBalance = 9
    case sellUnderflow = 10
    case protocolFeeExceedsCap = 11
    case handleTooShort = 12
    case handleTooLong = 13
    case invalidHandleCharacter = 14
    /// Not in SPEC 4: the instance reserve cannot pay a sell (docs/API.md).
    case insufficientReserve = 15
    case slippageExceeded = 16
    case protocolPaused = 17
    case unauthorized = 18

    /// The SPEC name, as receipts and read errors carry it.
    public var name: String {
        switch self {
        case .alreadyRegistered: "AlreadyRegistered"
        case .notRegistered: "NotRegistered"
        case .overflow: "Overflow"
        case .insufficientPayment: "InsufficientPayment"
        case .keyPriceNotSet: "KeyPriceNotSet"
        case .notPositiveAmount: "NotPositiveAmount"
        case .feeConfigNotSet: "FeeConfigNotSet"
        case .invalidFeeConfig: "InvalidFeeConfig"
        case .insufficientBalance: "InsufficientBalance"
        case .sellUnderflow: "SellUnderflow"
        case .protocolFeeExceedsCap: "ProtocolFeeExceedsCap"
        case .handleTooShort: "HandleTooShort"
        case .handleTooLong: "HandleTooLong"
        case .invalidHandleCharacter: "InvalidHandleCharacter"
        case .insufficientReserve: "InsufficientReserve"
        case .slippageExceeded: "SlippageExceeded"
        case .protocolPaused: "ProtocolPaused"
        case .unauthorized: "Unauthorized"
        }
    }

    public var description: String { "\(name) (creator_keys error \(rawValue))" }
}

extension ContractFailure: Error {}

/// Maps contract failures (reverted receipts and read errors) to a contract's typed errors.
public enum ContractErrors {
    /// Throws the typed error for a reverted receipt; returns the receipt when it succeeded.
    public static func check<E: RawRepresentable<Int> & Error>(_ receipt: Receipt, as: E.Type) throws -> Receipt {
        guard receipt.status == .reverted else { return receipt }
        guard let failure = receipt.error else { throw DecodingFailure("reverted receipt without error") }
        throw E(rawValue: failure.code) ?? failure
    }

    /// Runs a read and turns an `RPCError` 1000 + code into the typed error.
    public static func read<E: RawRepresentable<Int> & Error>(_ as: E.Type, _ body: () async throws -> JSON) async throws -> JSON {
        do {
            return try await body()
        } catch let error as RPCError {
            guard let failure = error.contractFailure else { throw error }
            throw E(rawValue: failure.code) ?? failure
        }
    }
}
