import Networks

/// One random draw an action made: a pick among items (an agent, a pool, a pending minting or
/// request) or a number in a range (lots, amounts, tokens). Values are base units as text.
public struct ReplayDraw: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable { case pick, number }

    public var kind: Kind
    /// The index picked (`pick`) or the number drawn (`number`).
    public var value: String
    /// `pick`: how many items there were; `number`: the range's bounds.
    public var count: Int?
    public var min: String?
    public var max: String?
    /// What was picked, readable: an agent's id, `reservation 12`, `request 4`.
    public var item: String?

    public init(kind: Kind, value: String, count: Int? = nil, min: String? = nil, max: String? = nil, item: String? = nil) {
        self.kind = kind
        self.value = value
        self.count = count
        self.min = min
        self.max = max
        self.item = item
    }

    static func pick(_ index: Int, of count: Int, item: String?) -> ReplayDraw {
        ReplayDraw(kind: .pick, value: String(index), count: count, item: item)
    }

    static func number(_ value: Int128, in range: ClosedRange<Int128>) -> ReplayDraw {
        ReplayDraw(kind: .number, value: String(value), min: String(range.lowerBound), max: String(range.upperBound))
    }

    /// The simplest draw of the same kind: the first item, the smallest number.
    public var simplest: ReplayDraw {
        var d = self
        d.value = kind == .pick ? "0" : (min ?? value)
        d.item = nil
        return d
    }

    public var description: String {
        switch kind {
        case .pick: "pick \(value) of \(count ?? 0)" + (item.map { " (\($0))" } ?? "")
        case .number: "\(value) in \(min ?? "?")...\(max ?? "?")"
        }
    }

    /// A short name for a picked item.
    static func describe(_ item: Any) -> String? {
        switch item {
        case let agent as AgentInfo: agent.id
        case let minting as UserBook.Minting: "reservation \(minting.reservation.reservationID)"
        case let redemption as UserBook.Redemption: "request \(redemption.request.requestID)"
        case let text as String: text
        case let pair as (String, Int128): pair.0
        case let pair as (String, PoolHolding): pair.0
        default: nil
        }
    }
}

/// The draws of the action a user is running: those it made, and, in a replay, the recorded
/// ones it must use instead of its generator.
struct DrawTape: Sendable {
    var drawn: [ReplayDraw] = []
    var script: [ReplayDraw]?
    var position = 0
    /// Why the action could not follow its script: a draw of another kind, out of range, or missing.
    var divergence: String?

    init(script: [ReplayDraw]? = nil) { self.script = script }

    private mutating func next(_ kind: ReplayDraw.Kind) -> ReplayDraw? {
        guard let script else { return nil }
        defer { position += 1 }
        guard position < script.count else {
            divergence = divergence ?? "draw \(position + 1) was not recorded"
            return nil
        }
        guard script[position].kind == kind else {
            divergence = divergence ?? "draw \(position + 1) was recorded as a \(script[position].kind), replayed as a \(kind)"
            return nil
        }
        return script[position]
    }

    /// The scripted number, clamped into `range`; nil without a script. A clamp is no divergence:
    /// amounts that depend on other users (pool fees, exitable tokens) may differ slightly in a
    /// replay, and the draw recorded for the replayed action shows the value used.
    mutating func nextNumber(in range: ClosedRange<Int128>) -> Int128? {
        guard script != nil else { return nil }
        guard let draw = next(.number), let value = Int128(draw.value) else { return range.lowerBound }
        return Swift.min(Swift.max(value, range.lowerBound), range.upperBound)
    }

    /// The scripted index, clamped below `count` (a clamp is a divergence); nil without a script.
    mutating func nextIndex(count: Int) -> Int? {
        guard script != nil else { return nil }
        guard let draw = next(.pick), let index = Int(draw.value) else { return 0 }
        if index >= count || index < 0 {
            divergence = divergence ?? "draw \(position) picked item \(index + 1), but there are \(count) now"
            return Swift.max(0, Swift.min(index, count - 1))
        }
        return index
    }
}
