public import Networks
import Synchronization

/// A readable record of what a test did on the network: its transactions with their
/// receipts, its reads with their results or errors, and the balances it looked at.
///
/// Run-specific values are left out (hashes, blocks, block times, seqs, signatures,
/// nonces) and every address or contract id is replaced by a stable name: the one given
/// with `alias(_:as:)`, else `account#N` / `contract#N` in order of first appearance.
/// So the same test gives the same transcript on every run.
public final class Transcript: Sendable {
    private let state = Mutex<(entries: [JSON], aliases: [String: String])>(([], [:]))

    public init() {}

    /// Names `value` (an address or contract id) `name` in the transcript.
    public func alias(_ value: String, as name: String) {
        state.withLock { $0.aliases[value] = name }
    }

    /// Adds a note of the test's own, e.g. a computed expectation.
    public func note(_ label: String, _ value: JSON) {
        append(["note": .string(label), "value": value])
    }

    func append(_ entry: JSON) { state.withLock { $0.entries.append(entry) } }

    /// The transcript with names substituted, as a JSON array.
    public var json: JSON {
        let (entries, aliases) = state.withLock { ($0.entries, $0.aliases) }
        var names = Naming(explicit: aliases)
        return .array(entries.map { names.rename($0) })
    }
}

/// Replaces addresses and contract ids inside every string by stable names.
struct Naming {
    var explicit: [String: String]
    var automatic: [String: String] = [:]
    var counters: [Character: Int] = [:]

    mutating func rename(_ json: JSON) -> JSON {
        switch json {
        case .string(let s): return .string(rename(s))
        case .array(let items): return .array(items.map { rename($0) })
        case .object(let members):
            var out: [String: JSON] = [:]
            for key in members.keys.sorted() { out[rename(key)] = members[key].map { rename($0) } }
            return .object(out)
        default: return json
        }
    }

    mutating func rename(_ text: String) -> String {
        let chars = Array(text)
        guard chars.count >= 65 else { return text }
        var out = ""
        var i = 0
        while i < chars.count {
            if i + 65 <= chars.count, "ncu".contains(chars[i]), i == 0 || !chars[i - 1].isHexDigit,
                i + 65 == chars.count || !chars[i + 65].isHexDigit,
                chars[(i + 1)..<(i + 65)].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            {
                out += "<" + name(for: String(chars[i..<(i + 65)])) + ">"
                i += 65
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    mutating func name(for id: String) -> String {
        if let name = explicit[id] { return name }
        // An underlying address shares its key with a native one: name them alike.
        if id.first == "u", let native = explicit["n" + id.dropFirst()] { return native + ".und" }
        if let name = automatic[id] { return name }
        let kind = id.first ?? "n"
        counters[kind, default: 0] += 1
        let prefix = kind == "c" ? "contract" : kind == "u" ? "und" : "account"
        let name = "\(prefix)#\(counters[kind, default: 0])"
        automatic[id] = name
        return name
    }
}
