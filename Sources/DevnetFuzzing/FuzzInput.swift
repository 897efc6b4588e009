import Networks

/// The fuzzer's bytes read as a stream of choices. Reading past the end yields zeros, so every
/// input is a valid program; `isExhausted` ends it.
struct FuzzInput {
    private let bytes: [UInt8]
    /// How many bytes were read so far.
    private(set) var offset = 0

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = Array(bytes) }

    var isExhausted: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16() -> UInt16 { UInt16(byte()) << 8 | UInt16(byte()) }

    mutating func u64() -> UInt64 { (0..<8).reduce(0) { v, _ in v << 8 | UInt64(byte()) } }

    /// One of `items` (the first when empty input runs out).
    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int(byte()) % items.count] }

    /// An Int64 from the values where arithmetic breaks: 0, ±1, small, huge, extremes.
    mutating func int64() -> Int64 {
        switch byte() % 8 {
        case 0: 0
        case 1: Int64(byte())
        case 2: -Int64(byte())
        case 3: Int64(u16())
        case 4: Int64.max - Int64(byte())
        case 5: Int64.min + Int64(byte())
        case 6: Int64(bitPattern: u64())
        default: 1_700_000_000 + Int64(Int16(bitPattern: u16())) * 600
        }
    }

    /// A non-negative amount from the values where 128-bit arithmetic breaks.
    mutating func amount() -> Int128 {
        switch byte() % 10 {
        case 0: return 0
        case 1: return 1
        case 2: return Int128(byte())
        case 3: return Int128(u16()) * Units.und
        case 4: return Int128(u16()) * Units.nat / 100
        case 5: return Int128.max - Int128(byte())
        case 6: return Int128.max / 2 + Int128(byte()) - 128
        case 7: return Int128(u64())
        case 8: return Int128(truncatingIfNeeded: UInt128(u64()) << 64 | UInt128(u64())) & Int128.max
        default: return (0..<(byte() % 39)).reduce(Int128(1)) { v, _ in v * 10 }
        }
    }

    /// An amount string, sometimes malformed (negative, fractional, empty, leading zero, too big).
    mutating func amountText() -> JSON {
        switch byte() % 16 {
        case 0: "-1"
        case 1: "1.5"
        case 2: ""
        case 3: "007"
        case 4: "170141183460469231731687303715884105728"
        case 5: .int(Int64(byte()))
        default: Amount.wire(amount())
        }
    }
}
