import Fixtures
import Networks
import Testing

/// Wire amounts (SPEC 1): decimal strings of non-negative Int128 base units.
@Suite("Amount parsing")
struct AmountTests {
    static let int128Max = "170141183460469231731687303715884105727"
    static let int128MaxPlusOne = "170141183460469231731687303715884105728"

    @Test("valid amounts parse", arguments: [
        ("0", Int128(0)), ("1", 1), ("1000000", 1_000_000), ("1000000000000000000", 1_000_000_000_000_000_000),
        (int128Max, Int128.max),
    ])
    func valid(text: String, expected: Int128) throws {
        #expect(try Amount.parse(text) == expected)
    }

    @Test("empty is .empty")
    func empty() {
        #expect(throws: AmountError.empty) { try Amount.parse("") }
    }

    @Test("a minus sign is .negative", arguments: ["-1", "-0", "-1.5", "-abc"])
    func negative(text: String) {
        #expect(throws: AmountError.negative(text)) { try Amount.parse(text) }
    }

    @Test("digits with a decimal point are .fractional", arguments: ["1.5", "0.0", "10.00"])
    func fractional(text: String) {
        #expect(throws: AmountError.fractional(text)) { try Amount.parse(text) }
    }

    @Test(
        "anything else that is not plain digits is .notNumeric",
        arguments: ["abc", "1e3", " 1", "1 ", "+1", "0x10", "1_000", "1,000", ".5", "1.", "1.2.3", "١", "1a", "\u{FF11}"])
    func notNumeric(text: String) {
        #expect(throws: AmountError.notNumeric(text)) { try Amount.parse(text) }
    }

    @Test("a leading zero is .notNumeric", arguments: ["01", "00", "007", "0" + int128MaxPlusOne])
    func leadingZero(text: String) {
        #expect(throws: AmountError.notNumeric(text)) { try Amount.parse(text) }
    }

    @Test("more than Int128.max is .overflow", arguments: [int128MaxPlusOne, "999999999999999999999999999999999999999999"])
    func overflow(text: String) {
        #expect(throws: AmountError.overflow(text)) { try Amount.parse(text) }
    }

    @Test("seeded values of every length parse back to themselves")
    func seededRoundTrip() throws {
        var random = SeededGenerator(seed: 20261201)
        func next() -> UInt64 { random.next() }
        for _ in 0..<2_000 {
            let wide = UInt128(next()) << 64 | UInt128(next())
            let value = Int128(truncatingIfNeeded: wide >> (next() % 128)) & Int128.max
            #expect(try Amount.parse(String(value)) == value)
        }
    }

    @Test("wire form is the decimal string and parses back")
    func wireRoundTrip() throws {
        for value in [Int128(0), 1, 25_000_000_000, Int128.max] {
            #expect(Amount.wire(value) == .string(String(value)))
            #expect(try Amount.parse(String(value)) == value)
        }
    }

    @Test("error descriptions quote the offending text")
    func descriptions() {
        #expect(AmountError.negative("-1").description.contains("\"-1\""))
        #expect(AmountError.overflow(Self.int128MaxPlusOne).description.contains(Self.int128MaxPlusOne))
        #expect(!AmountError.empty.description.isEmpty)
    }
}
