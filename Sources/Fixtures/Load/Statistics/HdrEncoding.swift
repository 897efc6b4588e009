import CZlib
import Foundation
import Histogram

/// HdrHistogram's V2 encoding (`encodeIntoCompressedByteBuffer` in the reference
/// implementation), so a report's histograms are lossless and readable by HdrHistogram's own
/// tools: a 40-byte header, the counts as ZigZag LEB128 with runs of zeros folded, deflated
/// with zlib behind an 8-byte compressed header, then base64.
enum HdrEncoding {
    static let encodingCookie: UInt32 = 0x1c84_9313
    static let compressedCookie: UInt32 = 0x1c84_9314

    /// Why an encoded histogram was refused.
    struct DecodingError: Error, CustomStringConvertible {
        let reason: String
        var description: String { "not an HdrHistogram V2 encoding: \(reason)" }
    }

    /// The layout of a histogram's counts array (the reference implementation's index math).
    struct Layout {
        let unitMagnitude: Int
        let subBucketHalfCountMagnitude: Int
        let subBucketHalfCount: Int
        let subBucketMask: UInt64
        let leadingZeroCountBase: Int

        init(lowestDiscernibleValue: UInt64, significantDigits: Int) {
            let largestSingleUnit = 2 * pow(10.0, Double(significantDigits))
            unitMagnitude = Int(log2(Double(lowestDiscernibleValue)))
            let subBucketCountMagnitude = Int(log2(largestSingleUnit).rounded(.up))
            subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
            subBucketHalfCount = 1 << subBucketHalfCountMagnitude
            subBucketMask = UInt64((1 << subBucketCountMagnitude) - 1) << UInt64(unitMagnitude)
            leadingZeroCountBase = 64 - unitMagnitude - subBucketCountMagnitude
        }

        func index(of value: UInt64) -> Int {
            let bucket = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
            let subBucket = Int(value >> UInt64(bucket + unitMagnitude))
            return ((bucket + 1) << subBucketHalfCountMagnitude) + (subBucket - subBucketHalfCount)
        }

        func value(at index: Int) -> UInt64 {
            var bucket = (index >> subBucketHalfCountMagnitude) - 1
            var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
            if bucket < 0 {
                subBucket -= subBucketHalfCount
                bucket = 0
            }
            return UInt64(subBucket) << UInt64(bucket + unitMagnitude)
        }
    }

    /// The base64 text of `histogram`'s compressed V2 encoding.
    static func encode(_ histogram: Histogram<UInt64>) -> String {
        let layout = Layout(lowestDiscernibleValue: histogram.lowestDiscernibleValue,
            significantDigits: Int(histogram.numberOfSignificantValueDigits.rawValue))
        var counts: [(index: Int, count: UInt64)] = []
        for v in histogram.recordedValues() { counts.append((layout.index(of: v.value), UInt64(v.count))) }
        var payload: [UInt8] = []
        var next = 0
        for (index, count) in counts.sorted(by: { $0.index < $1.index }) {
            if index > next { writeZigZag(-Int64(index - next), into: &payload) }
            writeZigZag(Int64(clamping: count), into: &payload)
            next = index + 1
        }
        var plain: [UInt8] = []
        append(encodingCookie, to: &plain)
        append(UInt32(payload.count), to: &plain)
        append(UInt32(0), to: &plain)  // normalizing index offset
        append(UInt32(histogram.numberOfSignificantValueDigits.rawValue), to: &plain)
        append(histogram.lowestDiscernibleValue, to: &plain)
        append(histogram.highestTrackableValue, to: &plain)
        append((1.0 as Double).bitPattern, to: &plain)  // integer-to-double conversion ratio
        plain += payload
        let deflated = deflate(plain)
        var out: [UInt8] = []
        append(compressedCookie, to: &out)
        append(UInt32(deflated.count), to: &out)
        return Data(out + deflated).base64EncodedString()
    }

    /// The histogram behind `text`, as `encode` wrote it (or any V2 compressed encoding with
    /// a lowest discernible value of 1 and up to `highestTrackableValue`).
    static func decode(_ text: String, highestTrackableValue: UInt64) throws -> Histogram<UInt64> {
        guard let data = Data(base64Encoded: text) else { throw DecodingError(reason: "invalid base64") }
        let bytes = [UInt8](data)
        guard bytes.count >= 8, readUInt32(bytes, 0) == compressedCookie else { throw DecodingError(reason: "wrong compressed cookie") }
        let length = Int(readUInt32(bytes, 4))
        guard bytes.count == 8 + length else { throw DecodingError(reason: "compressed length \(length) != \(bytes.count - 8)") }
        let plain = try inflate(Array(bytes[8...]))
        guard plain.count >= 40, readUInt32(plain, 0) == encodingCookie else { throw DecodingError(reason: "wrong encoding cookie") }
        let payloadLength = Int(readUInt32(plain, 4))
        let digits = Int(readUInt32(plain, 12))
        let lowest = readUInt64(plain, 16)
        guard plain.count == 40 + payloadLength, let significant = SignificantDigits(rawValue: Int8(clamping: digits)), lowest >= 1
        else { throw DecodingError(reason: "malformed header") }
        let layout = Layout(lowestDiscernibleValue: lowest, significantDigits: digits)
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest,
            highestTrackableValue: max(highestTrackableValue, readUInt64(plain, 24)), numberOfSignificantValueDigits: significant)
        var position = 40
        var index = 0
        while position < plain.count {
            let value = try readZigZag(plain, &position)
            if value < 0 {
                index += Int(-value)
            } else {
                if value > 0 { _ = histogram.record(layout.value(at: index), count: UInt64(value)) }
                index += 1
            }
        }
        return histogram
    }

    // MARK: bytes

    static func writeZigZag(_ value: Int64, into out: inout [UInt8]) {
        var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        // LEB128 as the reference writes it: at most 9 bytes, the 9th carrying 8 bits.
        for _ in 0..<8 {
            if v < 0x80 {
                out.append(UInt8(v))
                return
            }
            out.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }

    static func readZigZag(_ bytes: [UInt8], _ position: inout Int) throws -> Int64 {
        var v: UInt64 = 0
        for i in 0..<9 {
            guard position < bytes.count else { throw DecodingError(reason: "truncated count") }
            let b = bytes[position]
            position += 1
            if i == 8 {
                v |= UInt64(b) << 56
                break
            }
            v |= UInt64(b & 0x7f) << UInt64(7 * i)
            if b & 0x80 == 0 { break }
        }
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    static func readUInt32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(b[at + $1]) }
    }

    static func readUInt64(_ b: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(b[at + $1]) }
    }

    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in compress2(o.baseAddress, &length, i.baseAddress, uLong(input.count), Z_DEFAULT_COMPRESSION) }
        }
        // compress2 only fails for a too-small buffer, which compressBound rules out.
        return status == Z_OK ? Array(out.prefix(Int(length))) : []
    }

    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DecodingError(reason: "zlib would not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var input = input
        return try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output += chunk.prefix(chunk.count - Int(stream.avail_out))
                if status == Z_STREAM_END { return output }
                guard status == Z_OK else { throw DecodingError(reason: "corrupt deflate stream") }
                guard output.count < 64 << 20 else { throw DecodingError(reason: "inflates to more than 64 MiB") }
            }
        }
    }
}
