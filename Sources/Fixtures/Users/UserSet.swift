import Foundation
import Networks

/// A fixed, named set of users kept in the keystore and reused by later runs (FAssets-QA's
/// `generate_users n`): `ledgerqa generate-users N --set NAME` makes them, `LOAD_USER_SET=NAME`
/// runs with them instead of fresh keys, so their pending mintings and redemptions of earlier
/// runs are picked up by `MintExecuteRandomMinting` and `RedeemDefaultRandomRedemption`.
public enum UserSet {
    /// Adds `count` users, each with a partner, to the set `name` (numbered after its last one)
    /// and returns the new users' records. Nothing is funded: a run funds them.
    @discardableResult
    public static func generate(_ count: Int, name: String, in keystore: Keystore) async throws -> [UserRecord] {
        let existing = try keystore.userSet(name)
        let first = (existing.compactMap(\.setIndex).max() ?? -1) + 1
        var made: [UserRecord] = []
        for index in first..<(first + count) {
            for role in [UserRecord.Role.user, .partner] {
                var record = UserRecord(key: KeyPair(), role: role, label: role == .user ? "\(name)-\(index)" : "\(name)-\(index)-partner")
                record.userSet = name
                record.setIndex = index
                record.status = .idle
                try keystore.save(record)
                if role == .user { made.append(record) }
            }
        }
        try await keystore.flush()
        return made
    }
}

/// The members of a user set a run takes: users by number with their partners.
struct UserSetMembers {
    let users: [UserRecord]
    let partners: [UserRecord]

    init(keystore: Keystore, name: String, count: Int, numbers: [Int]?) throws {
        let all = try keystore.records().filter { $0.userSet == name }
        let byIndex = Dictionary(grouping: all, by: { $0.setIndex ?? -1 })
        let wanted = numbers ?? Array(byIndex.keys.filter { $0 >= 0 }.sorted().prefix(count))
        guard !wanted.isEmpty else { throw UserSetError.empty(name: name, keystore: keystore.directory.path) }
        var users: [UserRecord] = []
        var partners: [UserRecord] = []
        for index in wanted {
            guard let user = byIndex[index]?.first(where: { $0.role == .user }), let partner = byIndex[index]?.first(where: { $0.role == .partner })
            else { throw UserSetError.missing(name: name, index: index, available: byIndex.keys.filter { $0 >= 0 }.sorted()) }
            if user.status == .active, user.owner.isAlive, !user.isMine {
                throw UserSetError.busy(name: name, index: index, owner: user.owner)
            }
            users.append(user)
            partners.append(partner)
        }
        self.users = users
        self.partners = partners
    }
}

/// A user set that cannot serve a run.
public enum UserSetError: Error, Sendable, CustomStringConvertible {
    case empty(name: String, keystore: String)
    case missing(name: String, index: Int, available: [Int])
    case busy(name: String, index: Int, owner: ProcessOwner)

    public var description: String {
        switch self {
        case .empty(let name, let keystore):
            "LOAD_USER_SET=\(name): no such user set in \(keystore); make it with `./ledgerqa generate-users N --set \(name)`"
        case .missing(let name, let index, let available):
            "LOAD_USER_SET=\(name) has no user \(index) (it has \(available.map(String.init).joined(separator: ", "))); check LOAD_USER_NUMS"
        case .busy(let name, let index, let owner):
            "user \(index) of set \(name) is being used by another run (\(owner)); wait for it or use other LOAD_USER_NUMS"
        }
    }
}
