import Foundation
import Networks

/// Everything the keystore keeps about one account: its key, who runs it, what it was
/// given and returned, and its pending mintings and redemptions. A new stored property, here
/// or in what it holds, goes into `journalLine` too (`JournalLineTests` compares the two).
public struct UserRecord: Codable, Sendable {
    public enum Role: String, Codable, Sendable {
        case user, partner
        /// The funder of one shard's case of a distributed run, filled from the configured funder.
        case shardFunder = "shard-funder"
    }
    public enum Status: String, Codable, Sendable {
        /// A run is using the account (see `owner`).
        case active
        /// Its funds went back to the funder; pending claims may remain in `book`.
        case collected
        /// A member of a generated user set, waiting for a run (`ledgerqa generate-users`).
        case idle
    }

    public var address: String
    public var role: Role
    public var seedHex: String
    /// The process running the account, or the one that last did.
    public var owner: ProcessOwner
    public var status: Status
    public var label: String
    /// The load run (run id) that last used the account.
    public var run: String?
    /// The generated user set it belongs to (`LOAD_USER_SET`), and its number in the set.
    public var userSet: String?
    public var setIndex: Int?
    public var given = Funds()
    public var returned = Funds()
    public var book = UserBook()
    /// When this version was written, in nanoseconds since 1970: the newest version wins.
    public var revision: UInt64 = 0

    public init(key: KeyPair, role: Role, label: String) {
        address = key.address
        self.role = role
        seedHex = key.seedHex
        owner = .current
        status = .active
        self.label = label
    }

    /// True when the process that ran this account is gone, so its funds can be recovered.
    public var isAbandoned: Bool { status == .active && owner != .current && !owner.isAlive }

    /// Whether this process owns the record.
    public var isMine: Bool { owner == .current }

    enum CodingKeys: String, CodingKey {
        case address, role, seedHex, owner, ownerPID, status, label, run, userSet, setIndex, given, returned, book, revision
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        address = try c.decode(String.self, forKey: .address)
        role = try c.decode(Role.self, forKey: .role)
        seedHex = try c.decode(String.self, forKey: .seedHex)
        // Records of the first keystore format name only a PID.
        owner = try c.decodeIfPresent(ProcessOwner.self, forKey: .owner)
            ?? ProcessOwner(pid: try c.decode(Int32.self, forKey: .ownerPID), startTicks: nil, bootID: nil, host: ProcessOwner.current.host)
        status = try c.decode(Status.self, forKey: .status)
        label = try c.decode(String.self, forKey: .label)
        run = try c.decodeIfPresent(String.self, forKey: .run)
        userSet = try c.decodeIfPresent(String.self, forKey: .userSet)
        setIndex = try c.decodeIfPresent(Int.self, forKey: .setIndex)
        given = try c.decodeIfPresent(Funds.self, forKey: .given) ?? Funds()
        returned = try c.decodeIfPresent(Funds.self, forKey: .returned) ?? Funds()
        book = try c.decodeIfPresent(UserBook.self, forKey: .book) ?? UserBook()
        revision = try c.decodeIfPresent(UInt64.self, forKey: .revision) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(role, forKey: .role)
        try c.encode(seedHex, forKey: .seedHex)
        try c.encode(owner, forKey: .owner)
        try c.encode(status, forKey: .status)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(run, forKey: .run)
        try c.encodeIfPresent(userSet, forKey: .userSet)
        try c.encodeIfPresent(setIndex, forKey: .setIndex)
        try c.encode(given, forKey: .given)
        try c.encode(returned, forKey: .returned)
        try c.encode(book, forKey: .book)
        try c.encode(revision, forKey: .revision)
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
        /// The payment about to be sent, written before it is: its sequence and hash, so a
        /// crash between paying and saving never makes a later execute pay again.
        public var paymentIntent: TransactionIntent?
    }

    /// A redemption request not yet paid or defaulted.
    public struct Redemption: Codable, Sendable, Equatable {
        public var request: RedemptionRequest
        public var status: String = "PENDING"
        public var paymentFailed = false
    }

    public var mintings: [Minting] = []
    public var redemptions: [Redemption] = []
    /// A `redeem` about to be sent, written before it is: a crash before its requests are
    /// saved leaves this, and collecting looks the receipt up to learn the requests.
    public var redeemIntent: TransactionIntent?

    public init() {}
}
