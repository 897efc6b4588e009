import Glibc
import Networks
import Synchronization

/// Counts the requests a transport carries (a batch counts as one HTTP request) and the
/// signed transactions among them.
final class CountingTransport: Transport {
    let base: any Transport
    private let requests = Atomic<Int>(0)
    private let transactions = Atomic<Int>(0)
    private static let sendTransaction = Array("\"nat_sendTransaction\"".utf8)
    /// When set, JSON-RPC calls by method (a batch's items each count).
    private let methods = Mutex<[String: Int]>([:])
    private let countMethods: Bool

    init(base: any Transport, countMethods: Bool = false) {
        self.base = base
        self.countMethods = countMethods
    }

    /// The largest answer carried so far (kept only while methods are counted): a real state
    /// read's batch answer, for timing the JSON parser on what a run parses.
    private let largest = Mutex<[UInt8]>([])

    /// JSON-RPC calls by method so far (empty unless counted).
    var methodCounts: [String: Int] { methods.withLock { $0 } }
    var largestAnswer: [UInt8] { largest.withLock { $0 } }

    var count: Int { requests.load(ordering: .relaxed) }
    var transactionCount: Int { transactions.load(ordering: .relaxed) }

    func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        requests.add(1, ordering: .relaxed)
        let n = Self.occurrences(of: Self.sendTransaction, in: body)
        if n > 0 { transactions.add(n, ordering: .relaxed) }
        if countMethods {
            let found = Self.methodNames(in: body)
            methods.withLock { for name in found { $0[name, default: 0] += 1 } }
        }
        let answer = try await base.roundTrip(body)
        if countMethods { largest.withLock { if answer.count > $0.count { $0 = answer } } }
        return answer
    }

    private static let methodKey = Array("\"method\":\"".utf8)
    private static let prefixes = ["nat_", "und_", "devnet_", "events_", "rpc."]

    /// The JSON-RPC method names in a body (a contract call's "method" is skipped by its name).
    static func methodNames(in body: [UInt8]) -> [String] {
        var names: [String] = []
        var i = 0
        while i + methodKey.count < body.count {
            if body[i] == methodKey[0], body[i..<(i + methodKey.count)].elementsEqual(methodKey) {
                let start = i + methodKey.count
                var end = start
                while end < body.count, body[end] != UInt8(ascii: "\"") { end += 1 }
                let name = String(decoding: body[start..<end], as: UTF8.self)
                if prefixes.contains(where: { name.hasPrefix($0) }) { names.append(name) }
                i = end
            } else {
                i += 1
            }
        }
        return names
    }

    static func occurrences(of needle: [UInt8], in body: [UInt8]) -> Int {
        guard body.count >= needle.count, !needle.isEmpty else { return 0 }
        // memchr and memcmp: this runs on every request the harness sends, and its CPU is counted as the harness's.
        return body.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pattern in
                guard let base = hay.baseAddress, let wanted = pattern.baseAddress else { return 0 }
                var n = 0
                var offset = 0
                while offset <= hay.count - pattern.count,
                    let found = memchr(base + offset, Int32(needle[0]), hay.count - pattern.count + 1 - offset)
                {
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(found, wanted, pattern.count) == 0 {
                        n += 1
                        offset = at + pattern.count
                    } else {
                        offset = at + 1
                    }
                }
                return n
            }
        }
    }
}
