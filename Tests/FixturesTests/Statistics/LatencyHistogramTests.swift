@testable import Fixtures
import Testing

/// Latency histograms keep HdrHistogram's encoding, so reports merge losslessly and other
/// HdrHistogram implementations read them.
@Suite("Latency histograms")
struct LatencyHistogramTests {
    /// Recorded by Python's `hdrh` (HdrHistogram 1..3,600,000,000, 3 digits) with the values
    /// 1 (once), 999 (twice), 2047 (3×), 2048, 123456 (4×) and 3,599,999,999.
    static let pythonEncoded = "HISTFAAAAC94nJNpmSzMwMAgwAABzFCaEURcm7yEwf4DVIDpJD/LWgE2pv44jstvGJkAvScI8g=="

    @Test("a histogram encoded by another HdrHistogram implementation decodes to the same counts")
    func decodesReference() throws {
        let h = try LatencyHistogram(encoded: Self.pythonEncoded)
        #expect(h.count == 12)
        #expect(h.histogram.countForValue(999) == 2)
        #expect(h.histogram.countForValue(2047) == 3)
        #expect(h.histogram.countForValue(123_456) == 4)
        #expect(h.percentile(50) == .microseconds(2047))
    }

    @Test("encoding then decoding keeps every count, for sparse and dense histograms", arguments: [1, 50, 5_000])
    func roundTrip(values: Int) throws {
        var h = LatencyHistogram()
        var rng = SeededGenerator(seed: UInt64(values))
        for _ in 0..<values { h.record(.microseconds(UInt64.random(in: 1...5_000_000, using: &rng))) }
        let back = try LatencyHistogram(encoded: h.encoded())
        #expect(back.count == h.count)
        for p in [0.0, 50, 90, 99, 99.9, 100] { #expect(back.percentile(p) == h.percentile(p), "p\(p)") }
        #expect(Array(back.histogram.recordedValues()).map(\.count) == Array(h.histogram.recordedValues()).map(\.count))
    }

    @Test("the one-pass summary equals the percentiles read one by one", arguments: [1, 7, 100, 10_000])
    func summaryMatchesPercentiles(values: Int) {
        var h = LatencyHistogram()
        var rng = SeededGenerator(seed: UInt64(values) &* 31)
        for _ in 0..<values { h.record(.microseconds(UInt64.random(in: 1...20_000_000, using: &rng))) }
        #expect(h.summary == LatencySummary(p50: h.percentile(50), p90: h.percentile(90), p95: h.percentile(95), p99: h.percentile(99),
            max: h.percentile(100)))
    }

    @Test("merging histograms gives the percentiles of the union of their latencies")
    func merge() {
        var a = LatencyHistogram()
        var b = LatencyHistogram()
        var union = LatencyHistogram()
        for ms in 1...100 {
            let d = Duration.milliseconds(ms)
            if ms % 3 == 0 { a.record(d) } else { b.record(d) }
            union.record(d)
        }
        a.merge(b)
        #expect(a.count == 100)
        #expect(a.summary == union.summary)
        #expect(a.percentile(99).milliseconds.rounded() == 99)
    }

    @Test("latencies beyond an hour count as an hour; an empty histogram reports zeros")
    func bounds() {
        var h = LatencyHistogram()
        #expect(h.summary == LatencySummary())
        h.record(.seconds(7200))
        #expect(h.count == 1)
        #expect(h.max >= .seconds(3600) && h.max < .seconds(3610))
    }

    @Test("malformed encodings are refused with the reason", arguments: ["not base64!", "AAAA", "HISTFAAAAC94nJNpmSzMwMAg"])
    func malformed(text: String) {
        #expect(throws: HdrEncoding.DecodingError.self) { try LatencyHistogram(encoded: text) }
    }
}
