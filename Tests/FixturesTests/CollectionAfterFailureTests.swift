@testable import Fixtures
import Foundation
import Networks
import Testing

/// `.loadUsers(n)` returns its users' funds to the funder even when the test fails, and the
/// keystore records that; the keystore itself keeps one 0600 file per account.
@Suite("Collection after a failing test")
struct CollectionAfterFailureTests {
    struct DeliberateFailure: Error, Equatable { let marker: String }

    /// The accounts a test body saw, handed out of its `@Sendable` closure.
    actor Seen {
        var accounts: [(label: String, native: String, underlying: String)] = []
        func add(_ label: String, _ native: String, _ underlying: String) { accounts.append((label, native, underlying)) }
    }

    @Test("a test that spends and then throws is rethrown, and every user and partner is collected down to dust")
    func collectsAfterFailure() async throws {
        guard let test = Test.current else {
            Issue.record("no current test")
            return
        }
        let seen = Seen()
        let failure = DeliberateFailure(marker: "thrown after spending")
        await #expect(throws: failure) {
            try await LoadUsersTrait(count: 2).provideScope(for: test, testCase: Test.Case.current) {
                let run = try LoadRun.current
                for account in run.users.flatMap({ [$0] + ($0.partner.map { [$0] } ?? []) }) {
                    await seen.add(account.record.label, account.address, account.underlying.address)
                }
                guard let user = run.users.first, let partner = user.partner else { throw DeliberateFailure(marker: "no users") }
                let receipt = try await user.send(Call(contract: "native", method: "transfer",
                    args: ["to": .string(partner.address), "amount": Amount.wire(Units.nat)]), phase: "test-transfer")
                #expect(receipt.status == .success, "the user's transfer to its partner")
                let tx = try await user.pay(Units.und, to: partner.underlying.address, reference: nil, phase: "test-pay")
                #expect(tx.status == .success, "the user's UND payment to its partner")
                throw failure
            }
        }

        let accounts = await seen.accounts
        #expect(accounts.count >= 4, "2 users with partners (LOAD_USERS may ask for more): \(accounts.map(\.label))")
        let connection = try await Network.shared.connection()
        let context = try await ConnectionContext(chain: connection.chain, info: connection.info)
        let underlying = UnderlyingChain(rpc: connection.rpc)
        let dust = LoadRun.dust
        for account in accounts {
            let nat = try await connection.chain.balance(of: account.native)
            let und = try await underlying.balance(of: account.underlying)
            let fund = try await context.asset.fundBalance(of: account.native)
            #expect(nat <= dust.nat && und <= dust.und && fund <= dust.fund,
                "\(account.label) still holds \(nat) wei, \(und) drops, \(fund) uba (dust: \(dust.nat) wei, \(dust.und) drops, \(dust.fund) uba)")
        }

        let records = try Keystore(root: Keystore.defaultRoot, network: connection.info).records()
        for account in accounts {
            guard let record = records.first(where: { $0.address == account.native }) else {
                Issue.record("\(account.label) (\(account.native.prefix(12))) has no keystore record")
                continue
            }
            #expect(record.status == .collected, "\(account.label) status")
            #expect(record.returned.nat > 0, "\(account.label) returned \(record.returned.nat) wei")
            #expect(record.given.nat > 0, "\(account.label) was given \(record.given.nat) wei")
        }
    }
}

@Suite("Keystore files")
struct KeystoreTests {
    static func network() throws -> NetworkInfo {
        try NetworkInfo(json: [
            "chain_id": "ledgerqa-test", "underlying_chain_id": "und-test", "attestor": .string("n" + String(repeating: "1", count: 64)),
            "genesis_hash": "0123456789abcdef0123456789abcdef", "admin": .string("n" + String(repeating: "2", count: 64)),
            "gas_price": "25000000000",
        ])
    }

    @Test("records round-trip through save and records(), in a 0600 journal of this process under <chain>-<genesis prefix>")
    func roundTrip() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-keystore-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let keystore = Keystore(root: root, network: try Self.network())
        #expect(keystore.directory.lastPathComponent == "ledgerqa-test-0123456789abcdef")
        #expect(try keystore.records().isEmpty, "a missing directory has no records")

        var user = UserRecord(key: KeyPair(), role: .user, label: "user-0")
        user.given = Funds(nat: 1_000 * Units.nat, und: 500 * Units.und)
        user.book.mintings = [UserBook.Minting(reservation: try EngineSamples.reservation(7, lots: 2, feeBips: 50), agentFeeBips: 50,
            paymentHash: String(repeating: "d", count: 64))]
        user.book.redemptions = [UserBook.Redemption(request: try EngineSamples.request(21, lots: 1))]
        let partner = UserRecord(key: KeyPair(), role: .partner, label: "user-0-partner")
        try keystore.save(user)
        try keystore.save(partner)
        user.status = .collected
        user.returned = Funds(nat: 999 * Units.nat, und: 499 * Units.und, fund: 3)
        try keystore.save(user)  // a newer version
        #expect(try keystore.records().first { $0.address == user.address }?.status == .collected, "visible before the group commit")
        try await keystore.flush()

        let records = try keystore.records()
        #expect(records.count == 2, "\(records.map(\.label))")
        let loaded = try #require(records.first { $0.address == user.address })
        #expect(loaded.role == .user && loaded.label == "user-0" && loaded.seedHex == user.seedHex)
        #expect(loaded.owner == .current && loaded.status == .collected)
        #expect(loaded.given == user.given && loaded.returned == user.returned)
        #expect(loaded.book == user.book)
        #expect(records.first { $0.address == partner.address }?.role == .partner)

        let files = try FileManager.default.contentsOfDirectory(atPath: keystore.directory.path).filter { !$0.hasPrefix(".lock") }
        #expect(files == [keystore.journal.url.lastPathComponent], "one journal, no temporary files: \(files)")
        let attributes = try FileManager.default.attributesOfItem(atPath: keystore.journal.url.path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode & 0o777 == 0o600, "the journal has mode \(String(mode, radix: 8))")
        let lines = try String(contentsOf: keystore.journal.url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3, "three versions written, the newest wins: \(lines.count)")
    }

    @Test("a torn last line of a journal is ignored; a malformed line before it names the file and line")
    func tornLines() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-keystore-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let keystore = Keystore(root: root, network: try Self.network())
        try keystore.prepareDirectory()
        let record = UserRecord(key: KeyPair(), role: .user, label: "user-9")
        let (_, line) = keystore.stamped(record)
        let other = keystore.directory.appendingPathComponent("journal-elsewhere-1-1.jsonl")
        try Data(line + Array("\n{\"address\": \"n12".utf8)).write(to: other)
        #expect(try keystore.records().map(\.address) == [record.address], "the torn line was never committed")
        try Data(Array("{broken\n".utf8) + line + Array("\n".utf8)).write(to: other)
        #expect { try keystore.records() } throws: { "\($0)".contains("\(other.path) line 1") }
    }

    @Test("records of the first keystore format (a file per account) are read, and compacted into the snapshot once their owner is gone")
    func legacyFormat() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-keystore-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let keystore = Keystore(root: root, network: try Self.network())
        let users = keystore.directory.appendingPathComponent("users", isDirectory: true)
        try FileManager.default.createDirectory(at: users, withIntermediateDirectories: true)
        let key = KeyPair()
        let legacy = #"{"address":"\#(key.address)","role":"user","seedHex":"\#(key.seedHex)","ownerPID":999999,"status":"active","label":"user-4","given":{"nat":5,"und":0,"fund":0},"returned":{"nat":0,"und":0,"fund":0},"book":{"mintings":[],"redemptions":[]}}"#
        try Data(legacy.utf8).write(to: users.appendingPathComponent("\(key.address).json"))
        let read = try #require(try keystore.records().first)
        #expect(read.owner.pid == 999_999 && read.label == "user-4" && read.given.nat == 5)
        #expect(read.isAbandoned, "PID 999999 runs nothing here")
        try keystore.compact()
        #expect(!FileManager.default.fileExists(atPath: users.path), "the first-format files were folded into the snapshot")
        #expect(try keystore.records().map(\.address) == [key.address])
    }

    @Test("an unreadable record names its file")
    func unreadable() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-keystore-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let keystore = Keystore(root: root, network: try Self.network())
        try keystore.save(UserRecord(key: KeyPair(), role: .user, label: "user-1"))
        let broken = keystore.directory.appendingPathComponent("users/nbroken.json")
        try FileManager.default.createDirectory(at: broken.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: broken)
        #expect {
            try keystore.records()
        } throws: { error in
            "\(error)".contains(broken.path)
        }
    }
}
