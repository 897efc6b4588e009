import Foundation
import Networks

/// The load run's settings (README "Load run settings"), from the layered `Settings`:
/// environment, `.env` files, `ledgerqa.yaml`. A malformed value stops the run with a
/// message naming the key, its source and the expected form.
public struct LoadConfiguration: Sendable, Equatable {
    /// Users per test case; `nil` keeps the trait's count.
    public var users: Int?
    /// How long users keep acting; `nil` keeps the trait's duration, else `defaultDuration`.
    public var duration: Duration?
    /// Actions each user runs before it stops (`LOAD_ITERATIONS`, k6's per-VU iterations);
    /// the duration still bounds the run. `nil`: users act until the duration ends.
    public var iterations: Int?
    /// The run's seed; user n draws from `seed + n`. Random (and printed) when unset.
    public var seed: UInt64
    /// The only actions users may choose; `nil` for the case's whole mix.
    public var actions: Set<ActionName>?
    /// NAT and UND each user gets from the funder (`LOAD_USER_FUNDS`, e.g. `1000 NAT, 500 UND`).
    public var userFunds: Funds = LoadRun.userFunds
    /// 64-hex seed of the funder on a network without a faucet.
    public var funderKey: String?
    /// Seconds between live statistics lines; 0 turns them off.
    public var reportInterval: Duration = .seconds(10)
    /// Whether each case writes report.json and report.html (`LOAD_REPORT_FILES`, default true).
    public var reportFiles = true
    /// Thresholds added to (or replacing) the built-in ones.
    public var thresholds: [Threshold] = []
    /// How long abort-on-fail thresholds wait before they are first judged.
    public var thresholdDelay: Duration = .seconds(5)
    /// An open-model schedule (`LOAD_RATE`, `LOAD_STAGES`); nil for the closed model where each user loops.
    public var arrivalRate: ArrivalRate?
    /// A named set of users made by `ledgerqa generate-users`, reused instead of fresh keys.
    public var userSet: String?
    /// Which users of the set act (seed 000's `user_nums`); nil for the first n.
    public var userNumbers: [Int]?
    /// Per-user action lists (seed 000's `actions = [[...], [...]]`): user k chooses from
    /// list `k mod count`, narrowed to the case's mix.
    public var userActions: [Set<ActionName>] = []
    /// Where run notifications go, and from which level on.
    public var notifyURL: String?
    public var notifyLevel: NotificationLevel = .warning
    /// The run's identity (`LOAD_RUN_ID`), shared by every case and shard of one run.
    public var runID: String?
    /// The Load suite's built-in mixes to run; nil for all six.
    public var mixes: [String]?
    /// A `replay.json` to run instead of new random actions (`LOAD_REPLAY`).
    public var replay: String?
    /// The most actions a case records in `replay.json` (`LOAD_REPLAY_LIMIT`): the recording is
    /// held in memory until the case ends, about 1.3 KB per action.
    public var replayLimit = LoadConfiguration.defaultReplayLimit
    public static let defaultReplayLimit = 200_000
    /// How a replay orders the actions (`LOAD_REPLAY_ORDER`): each user in its order, or globally.
    public var replayOrder: ReplayOrder = .users
    /// Whether a failing case is shrunk (`LOAD_SHRINK`); nil shrinks against the embedded devnet only.
    public var shrink: Bool?
    /// How long shrinking may take (`LOAD_SHRINK_SECONDS`, default 120).
    public var shrinkBudget: Duration = .seconds(120)
    /// This process's shard of a distributed run (`LOAD_SHARD=i/N`, or `LOAD_SHARDS` with
    /// `JOB_COMPLETION_INDEX`); nil for a single-process run. See docs/distributed.md.
    public var shard: LoadShard?
    /// How long shards wait for each other (`LOAD_SHARD_TIMEOUT`): at the start barrier, and
    /// shard 0 for the others' results after its own case ended.
    public var shardTimeout: Duration = .seconds(300)

    /// Long enough that a redemption left unpaid on purpose passes the embedded devnet's
    /// 15-second window and gets defaulted within the run.
    public static let defaultDuration: Duration = .seconds(30)

    public init(seed: UInt64 = 0) { self.seed = seed }

    /// The actions of `mix` that `LOAD_ACTIONS` keeps (all of them when it is unset). A name
    /// that is in no mix the suite knows, built-in or `mix`, stops the run.
    public func narrow(_ mix: LoadMix) throws(ConfigurationError) -> [LoadAction] {
        guard let actions else { return mix.actions }
        let known = Set(ActionName.builtIn).union(mix.actionNames)
        if let unknown = actions.subtracting(known).sorted().first {
            throw ConfigurationError(variable: "LOAD_ACTIONS", value: actions.sorted().map(\.rawValue).joined(separator: ","),
                expected: "names of actions this case can run; \(unknown) is none of: "
                    + known.sorted().map(\.rawValue).joined(separator: ", "))
        }
        return mix.actions.filter { actions.contains($0.name) }
    }

    /// This process's settings (environment, `.env` files, `ledgerqa.yaml`).
    public static func current() async throws(ConfigurationError) -> LoadConfiguration {
        try parse(try await Settings.current())
    }

    /// Reads the given environment variables only.
    public static func parse(_ env: [String: String]) throws(ConfigurationError) -> LoadConfiguration {
        try parse(Settings.environment(env))
    }

    /// Reads the layered settings.
    public static func parse(_ settings: Settings) throws(ConfigurationError) -> LoadConfiguration {
        var c = LoadConfiguration(seed: UInt64.random(in: 1...999_999_999))
        if let v = try settings.value(SettingKey("load", "users")) {
            guard let n = Int(v.text), (1...10_000).contains(n) else { throw v.malformed(expected: "a whole number of users from 1 to 10000") }
            c.users = n
        }
        if let v = try settings.value(SettingKey("load", "duration")) {
            guard let d = Double(v.text), d.isFinite, d > 0, d <= 86_400 else {
                throw v.malformed(expected: "seconds, a number above 0 and at most 86400 (e.g. 120)")
            }
            c.duration = .milliseconds(Int64((d * 1000).rounded()))
        }
        let iterations = try settings.value(SettingKey("load", "iterations"))
        if let v = iterations {
            guard let n = Int(v.text), (1...100_000_000).contains(n) else {
                throw v.malformed(expected: "the actions each user runs before it stops, a whole number from 1 to 100000000 (e.g. 20)")
            }
            c.iterations = n
        }
        if let v = try settings.value(SettingKey("load", "seed")) {
            guard let seed = UInt64(v.text) else { throw v.malformed(expected: "a whole number from 0 to 18446744073709551615") }
            c.seed = seed
        }
        if let v = try settings.value(SettingKey("load", "actions")) { c.actions = try actionNames(v) }
        if let v = try settings.value(SettingKey("load", "funder_key")) {
            guard v.text.utf8.count == 64, v.text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw v.malformed(expected: "the funder's key seed as 64 lowercase hex characters", showing: "<\(v.text.count) characters>")
            }
            c.funderKey = v.text
        }
        if let v = try settings.value(SettingKey("load", "user_funds")) { c.userFunds = try userFunds(v) }
        if let v = try settings.value(SettingKey("load", "report_interval")) {
            guard let seconds = Double(v.text), seconds.isFinite, seconds >= 0, seconds <= 86_400 else {
                throw v.malformed(expected: "seconds between live statistics lines, 0 to turn them off (e.g. 10)")
            }
            c.reportInterval = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        if let v = try settings.value(SettingKey("load", "report_files")) { c.reportFiles = try LedgerQAEnvironment.flag(v) }
        if let v = try settings.value(SettingKey("load", "thresholds")) {
            do { c.thresholds = try Threshold.parseList(v.text, variable: v.key) } catch {
                throw ConfigurationError(variable: v.key, value: v.text, expected: error.expected, source: v.source)
            }
        }
        if let v = try settings.value(SettingKey("load", "threshold_delay")) {
            guard let d = ArrivalRate.parseDuration(v.text) ?? (v.text == "0" ? .zero : nil) else {
                throw v.malformed(expected: "a duration such as 10s, 500ms or 1m")
            }
            c.thresholdDelay = d
        }
        var rate: Double?
        if let v = try settings.value(SettingKey("load", "rate")) {
            guard let r = ArrivalRate.parseRate(v.text), r > 0 else { throw v.malformed(expected: "a rate above 0 such as 40/s, 600/m or 10/h") }
            rate = r
        }
        if let v = try settings.value(SettingKey("load", "stages")) {
            guard let stages = ArrivalRate.parseStages(v.text) else {
                throw v.malformed(expected: "comma-separated duration:rate stages such as 30s:10/s,2m:50/s,30s:0/s")
            }
            c.arrivalRate = ArrivalRate(startRate: rate ?? 0, stages: stages)
        } else if let rate {
            c.arrivalRate = ArrivalRate(startRate: rate)
        }
        if let v = iterations, c.arrivalRate != nil {
            throw v.malformed(expected: "no LOAD_ITERATIONS with an arrival rate: LOAD_RATE and LOAD_STAGES start actions at a rate, not per user")
        }
        if let v = try settings.value(SettingKey("load", "user_set")) {
            guard ActionName(v.text).isWellFormed else { throw v.malformed(expected: "a user set's name: letters, digits, _ and -") }
            c.userSet = v.text
        }
        if let v = try settings.value(SettingKey("load", "user_nums")) {
            let numbers = v.text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                throw v.malformed(expected: "comma-separated user numbers from 0, e.g. 0,1,5")
            }
            c.userNumbers = numbers.compactMap { $0 }
        }
        var k = 0
        while let v = try settings.value(SettingKey(path: ["load", "user_actions", String(k)])) {
            c.userActions.append(try actionNames(v))
            k += 1
        }
        if let v = try settings.value(SettingKey("load", "notify", "url")) {
            guard let url = URL(string: v.text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw v.malformed(expected: "an http(s) webhook URL that accepts a JSON POST", showing: RunIdentity.publicTarget(v.text))
            }
            c.notifyURL = v.text
        }
        if let v = try settings.value(SettingKey("load", "notify", "level")) {
            guard let level = NotificationLevel(rawValue: v.text.lowercased()) else { throw v.malformed(expected: "info, warning or error") }
            c.notifyLevel = level
        }
        if let v = try settings.value(SettingKey("load", "run_id")) {
            guard ActionName(v.text).isWellFormed else { throw v.malformed(expected: "a run id: letters, digits, _ and -") }
            c.runID = v.text
        }
        if let v = try settings.value(SettingKey("load", "mixes")) {
            let names = v.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let known = LoadMix.builtIn.map(\.name)
            guard !names.isEmpty, names.allSatisfy(known.contains) else {
                throw v.malformed(expected: "comma-separated built-in mixes from: " + known.joined(separator: ", "))
            }
            c.mixes = names
        }
        if let v = try settings.value(SettingKey("load", "replay")) { c.replay = v.text }
        if let v = try settings.value(SettingKey("load", "replay_limit")) {
            guard let n = Int(v.text), (0...100_000_000).contains(n) else {
                throw v.malformed(expected: "the most actions replay.json records, a whole number from 0 to 100000000 (e.g. 200000)")
            }
            c.replayLimit = n
        }
        if let v = try settings.value(SettingKey("load", "replay_order")) {
            guard let order = ReplayOrder(rawValue: v.text.lowercased()) else {
                throw v.malformed(expected: "users (each user in its recorded order) or global (one action at a time in recorded start order)")
            }
            c.replayOrder = order
        }
        if let v = try settings.value(SettingKey("load", "shrink")) { c.shrink = try LedgerQAEnvironment.flag(v) }
        if let v = try settings.value(SettingKey("load", "shrink_seconds")) {
            guard let d = Double(v.text), d.isFinite, d > 0, d <= 86_400 else {
                throw v.malformed(expected: "seconds shrinking may take, a number above 0 and at most 86400 (e.g. 120)")
            }
            c.shrinkBudget = .milliseconds(Int64((d * 1000).rounded()))
        }
        try LoadShard.apply(settings, to: &c)
        return c
    }

    /// Reads `1000 NAT, 500 UND`: whole units, each symbol at most once; one left out keeps its default.
    static func userFunds(_ v: SettingValue) throws(ConfigurationError) -> Funds {
        let expected = "whole amounts with their symbol, such as \"1000 NAT, 500 UND\" (each from 1 to 1000000000; NAT pays gas, so it cannot be 0)"
        var funds = LoadRun.userFunds
        var seen: Set<String> = []
        for part in v.text.split(separator: ",", omittingEmptySubsequences: false) {
            let words = part.split(separator: " ").map(String.init)
            guard words.count == 2, let n = Int64(words[0]), (1...1_000_000_000).contains(n) || (n == 0 && words[1] == "UND"),
                ["NAT", "UND"].contains(words[1]), seen.insert(words[1]).inserted
            else { throw v.malformed(expected: expected) }
            if words[1] == "NAT" { funds.nat = Int128(n) * Units.nat } else { funds.und = Int128(n) * Units.und }
        }
        return funds
    }

    static func actionNames(_ v: SettingValue) throws(ConfigurationError) -> Set<ActionName> {
        var names: Set<ActionName> = []
        for part in v.text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = ActionName(part.trimmingCharacters(in: .whitespaces))
            guard name.isWellFormed else {
                throw v.malformed(expected: "a comma-separated list of action names (letters, digits, _ and -), such as "
                    + ActionName.builtIn.prefix(2).map(\.rawValue).joined(separator: ","))
            }
            names.insert(name)
        }
        guard !names.isEmpty else { throw v.malformed(expected: "at least one action name") }
        return names
    }
}
