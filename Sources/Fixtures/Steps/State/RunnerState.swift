import Networks

/// Where `runner.set` keeps a value (seed 001's scopes): `global` for the whole run, `round`
/// (the default) for the current round only.
public enum StateScope: String, Sendable, CaseIterable {
    case global, round
}

/// A run's progress and values: which round it is in, which steps of that round completed,
/// what seeding created, and the values steps set, as JSON under dot paths
/// (`post_urls.worker1` is member `worker1` of object `post_urls`).
struct RunnerState: Sendable, Equatable {
    var run: String
    var rounds: Int
    /// 1-based; `rounds + 1` once every round is done.
    var round = 1
    /// Steps of the current round that completed (`done`) or were skipped (`skipped: reason`).
    var steps: [String: String] = [:]
    var finished = false
    /// What seeding created (`SeededData.json`), the seeded-data marker; `nil` until seeded.
    var seeded: JSON?
    /// The networks (genesis hashes) on which the workers were funded for this run.
    var funded: Set<String> = []
    var global: JSON = [:]
    var roundValues: [Int: JSON] = [:]

    init(run: String, rounds: Int) {
        self.run = run
        self.rounds = rounds
    }

    /// The value at `path` in `scope`, or in the round scope and then the global one.
    func value(_ path: String, scope: StateScope?) -> JSON? {
        let keys = Self.keys(path)
        switch scope {
        case .global?: return Self.value(keys, in: global)
        case .round?: return Self.value(keys, in: roundValues[round] ?? [:])
        case nil: return Self.value(keys, in: roundValues[round] ?? [:]) ?? Self.value(keys, in: global)
        }
    }

    mutating func set(_ path: String, _ value: JSON, scope: StateScope) throws(StateError) {
        let keys = Self.keys(path)
        guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty }) else { throw .badPath(path) }
        switch scope {
        case .global: try Self.set(keys, value, in: &global, path: path)
        case .round:
            var values = roundValues[round] ?? [:]
            try Self.set(keys, value, in: &values, path: path)
            roundValues[round] = values
        }
    }

    static func keys(_ path: String) -> [String] { path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    static func value(_ keys: [String], in root: JSON) -> JSON? {
        var current = root
        for key in keys {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }

    static func set(_ keys: [String], _ value: JSON, in node: inout JSON, path: String, depth: Int = 0) throws(StateError) {
        guard case .object(var members) = node else {
            throw .notAnObject(path: path, at: keys.prefix(depth).joined(separator: "."), holds: node.typeName)
        }
        let key = keys[depth]
        if depth == keys.count - 1 {
            members[key] = value
        } else {
            var child = members[key] ?? [:]
            try set(keys, value, in: &child, path: path, depth: depth + 1)
            members[key] = child
        }
        node = .object(members)
    }
}

/// A `runner.set` that cannot be done.
enum StateError: Error, Sendable, CustomStringConvertible {
    case badPath(String)
    case notAnObject(path: String, at: String, holds: String)

    var description: String {
        switch self {
        case .badPath(let path): "\"\(path)\" is not a dot path such as post_urls.worker1"
        case .notAnObject(let path, let at, let holds): "cannot set \"\(path)\": \"\(at)\" holds a \(holds), not an object"
        }
    }
}
