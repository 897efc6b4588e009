import Foundation

/// Sums encoded histograms without building a histogram per part: each encoding is read as
/// its (bucket index, count) pairs, the pairs are added up, and one histogram is built from
/// the sum. The result equals decoding every part and merging them (the same buckets and
/// counts), at a fraction of the cost: a merge of long shard reports adds up hundreds of
/// thousands of per-second histograms.
struct HistogramSum {
    private var counts: [Int: UInt64] = [:]
    private var layout: HdrEncoding.Layout?
    private var lowest: UInt64 = 1

    /// Adds the histogram behind `encoded` (nil adds nothing).
    mutating func add(_ encoded: String?) throws {
        guard let encoded else { return }
        guard let data = Data(base64Encoded: encoded) else { throw HdrEncoding.DecodingError(reason: "invalid base64") }
        let bytes = [UInt8](data)
        guard bytes.count >= 8, HdrEncoding.readUInt32(bytes, 0) == HdrEncoding.compressedCookie,
            bytes.count == 8 + Int(HdrEncoding.readUInt32(bytes, 4))
        else { throw HdrEncoding.DecodingError(reason: "wrong compressed cookie or length") }
        let plain = try HdrEncoding.inflate(Array(bytes[8...]))
        guard plain.count >= 40, HdrEncoding.readUInt32(plain, 0) == HdrEncoding.encodingCookie,
            plain.count == 40 + Int(HdrEncoding.readUInt32(plain, 4))
        else { throw HdrEncoding.DecodingError(reason: "wrong encoding cookie or length") }
        let digits = Int(HdrEncoding.readUInt32(plain, 12))
        let low = HdrEncoding.readUInt64(plain, 16)
        // Histograms of another layout (not LedgerQA's) go through the full decode instead.
        guard digits == 3, low == 1 else { return try addDecoded(encoded) }
        if layout == nil { layout = HdrEncoding.Layout(lowestDiscernibleValue: low, significantDigits: digits) }
        var position = 40
        var index = 0
        while position < plain.count {
            let value = try HdrEncoding.readZigZag(plain, &position)
            if value < 0 {
                index += Int(-value)
            } else {
                if value > 0 { counts[index, default: 0] += UInt64(value) }
                index += 1
            }
        }
    }

    private var decoded: LatencyHistogram?

    private mutating func addDecoded(_ encoded: String) throws {
        var h = decoded ?? LatencyHistogram()
        h.merge(try LatencyHistogram(encoded: encoded))
        decoded = h
    }

    /// The sum as one histogram.
    var histogram: LatencyHistogram {
        var h = decoded ?? LatencyHistogram()
        if let layout {
            for (index, count) in counts.sorted(by: { $0.key < $1.key }) {
                _ = h.histogram.record(min(layout.value(at: index), LatencyHistogram.highestMicroseconds), count: count)
            }
        }
        return h
    }
}
