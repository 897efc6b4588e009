import Foundation
import Networks

/// Everything the keystore keeps about one account: its key, who runs it, what it was
/// given and returned, and its pending mintings and redemptions.
public struct UserRecord: Codable, Sendable {
    public enum Role: String, Codable, Sendable { case user, partner }
    public enum Status: String, Codable, Sendable {
        /// A run is using the account (see `ownerPID`).
        case active
        /// Its funds went back to the funder; pending claims may remain in `book`.
        case collected
    }

    public var address: String
    public var role: Role
    public var seedHex: String
    public var ownerPID: Int32
    public var status: Status
    public var label: String
    public var given = Funds()
    public var returned = Funds()
    public var book = UserBook()

    public init(key: KeyPair, role: Role, label: String) {
        address = key.address
        self.role = role
        seedHex = key.seedHex
        ownerPID = ProcessInfo.processInfo.processIdentifier
        status = .active
        self.label = label
    }

    /// True when the process that ran this account is gone, so its funds can be recovered.
    public var isAbandoned: Bool {
        status == .active && ownerPID != ProcessInfo.processInfo.processIdentifier && kill(ownerPID, 0) != 0 && errno == ESRCH
    }
}

/// NAT (wei), UND (drops) and FUND (uba) moved between the funder and an account.
public struct Funds: Codable, Sendable, Equatable {
    public var nat: Int128 = 0
    public var und: Int128 = 0
    public var fund: Int128 = 0

    public init(nat: Int128 = 0, und: Int128 = 0, fund: Int128 = 0) {
        self.nat = nat
        self.und = und
        self.fund = fund
    }

    public static func + (a: Funds, b: Funds) -> Funds { Funds(nat: a.nat + b.nat, und: a.und + b.und, fund: a.fund + b.fund) }
}

/// A user's pending operations, persisted so a later run executes or defaults them.
public struct UserBook: Codable, Sendable, Equatable {
    /// A reservation not executed yet, with the underlying payment once made.
    public struct Minting: Codable, Sendable, Equatable {
        public var reservation: CollateralReservation
        public var agentFeeBips: Int64
        public var paymentHash: String?
    }

    /// A redemption request not yet paid or defaulted.
    public struct Redemption: Codable, Sendable, Equatable {
        public var request: RedemptionRequest
        public var status: String = "PENDING"
        public var paymentFailed = false
    }

    public var mintings: [Minting] = []
    public var redemptions: [Redemption] = []

    public init() {}
}
