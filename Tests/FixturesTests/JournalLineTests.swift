@testable import Fixtures
import Foundation
import Networks
import Testing

/// The keystore writes its journal lines by hand (`UserRecord.journalLine`) and reads them
/// with `Codable`: every record, whatever it holds, must read back as itself.
@Suite("Keystore journal lines")
struct JournalLineTests {
    /// Strings a record's text fields could hold: plain, empty, quotes, backslashes, slashes,
    /// control characters, non-ASCII.
    static let texts = ["user-7", "", "a\"b", "back\\slash", "run/with/slashes", "tab\tnew\nline\u{1}", "größe ✓ 🚀", "</script>"]

    static func record(_ rng: inout SeededGenerator) -> UserRecord {
        func text() -> String { texts[Int.random(in: 0..<texts.count, using: &rng)] }
        func amount() -> Int128 { Int128(Int64.random(in: 0...Int64.max, using: &rng)) * Int128(Int64.random(in: -3...1_000_000, using: &rng)) }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &rng) ? value() : nil }
        var record = UserRecord(key: try! KeyPair(seed: (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }), role: [.user, .partner, .shardFunder][Int.random(in: 0..<3, using: &rng)], label: text())
        record.status = [.active, .collected, .idle][Int.random(in: 0..<3, using: &rng)]
        record.owner = ProcessOwner(pid: Int32.random(in: 1...Int32.max, using: &rng), startTicks: maybe(UInt64.random(in: 0...UInt64.max, using: &rng)),
            bootID: maybe(text()), host: text())
        record.run = maybe(text())
        record.userSet = maybe(text())
        record.setIndex = maybe(Int.random(in: 0...10_000, using: &rng))
        record.given = Funds(nat: amount(), und: amount(), fund: amount())
        record.returned = Funds(nat: amount(), und: amount(), fund: amount())
        record.revision = UInt64.random(in: 0...UInt64.max, using: &rng)
        for n in 0..<Int.random(in: 0...3, using: &rng) {
            var reservation = try! CollateralReservation(json: [
                "reservation_id": .int(Int64(n)), "payment_address": .string(text()), "value_uba": Amount.wire(amount()),
                "fee_uba": Amount.wire(amount()), "payment_reference": .string(text()), "deadline": .int(Int64.random(in: 0...Int64.max, using: &rng)),
            ], agent: text(), lots: Int64.random(in: 1...100, using: &rng))
            reservation.reservationFee = maybe(amount())
            record.book.mintings.append(UserBook.Minting(reservation: reservation, agentFeeBips: Int64.random(in: 0...10_000, using: &rng),
                paymentHash: maybe(text()), paymentIntent: maybe(TransactionIntent(sequence: Int64.random(in: 0...Int64.max, using: &rng), hash: text()))))
        }
        for n in 0..<Int.random(in: 0...3, using: &rng) {
            let request = try! RedemptionRequest(json: [
                "request_id": .int(Int64(n)), "agent": .string(text()), "lots": .int(Int64.random(in: 1...100, using: &rng)),
                "value_uba": Amount.wire(amount()), "fee_uba": Amount.wire(amount()), "pay_uba": Amount.wire(amount()),
                "payment_reference": .string(text()), "deadline": .int(Int64.random(in: 0...Int64.max, using: &rng)),
            ])
            record.book.redemptions.append(UserBook.Redemption(request: request, status: text(), paymentFailed: Bool.random(using: &rng)))
        }
        record.book.redeemIntent = maybe(TransactionIntent(sequence: Int64.random(in: 0...Int64.max, using: &rng), hash: text()))
        return record
    }

    /// `JSONEncoder`'s bytes, keys sorted: the form two records compare in.
    static func encoded(_ record: UserRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(record)
    }

    @Test("500 seeded records, hostile strings and extreme amounts included, read back as themselves")
    func roundTrip() throws {
        var rng = SeededGenerator(seed: 20_261_201)
        for n in 0..<500 {
            let record = Self.record(&rng)
            let line = record.journalLine
            #expect(!line.contains(UInt8(ascii: "\n")), "record \(n): a journal line holds no raw newline")
            let read = try JSONDecoder().decode(UserRecord.self, from: Data(line))
            #expect(try Self.encoded(read) == Self.encoded(record), "record \(n): \(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test("a line is what JSONEncoder writes with sorted keys, but for its escaped slashes")
    func sameBytes() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let record = Self.record(&rng)
            // JSONEncoder writes "/" as "\/"; the line need not escape it.
            let reference = String(decoding: try Self.encoded(record), as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
            #expect(String(decoding: record.journalLine, as: UTF8.self) == reference)
        }
    }
}
