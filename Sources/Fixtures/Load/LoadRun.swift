import Foundation
import Networks
import Synchronization
import Testing

/// The users of one load test case, funded and bound by `.loadUsers(n)`, and collected
/// back to the funder when the case ends.
public final class LoadRun: Sendable {
    public let users: [LoadUser]
    public let funder: Funder
    public let context: ConnectionContext
    public let configuration: LoadConfiguration
    /// How long users act: `LOAD_DURATION`, else the trait's duration, else 30 s.
    public let duration: Duration
    /// Where the op log, the user logs and the summary go.
    public let logDirectory: URL
    /// `LEDGERQA_HOME` (the keystore's parent): reports go to `reports/<run id>/<case>/` under it.
    public var home: URL { logDirectory.deletingLastPathComponent().deletingLastPathComponent() }
    let opLog: LoadLog
    /// The first collection's result: collecting again (the trait after a test that
    /// collected to check dust) would only repeat the waits for nothing.
    private let collected = Mutex<Task<Funds, Never>?>(nil)

    /// NAT and UND each user starts with unless `LOAD_USER_FUNDS` says otherwise; a partner gets NAT for gas only.
    public static let userFunds = Funds(nat: 1_000 * Units.nat, und: 500 * Units.und)
    public static let partnerFunds = Funds(nat: 5 * Units.nat)
    /// After collection no user may hold more than this (README "Load runs"): the cost of
    /// one more transfer, which is not worth moving.
    public static let dust = Funds(nat: 21_000 * 25_000_000_000, und: 12, fund: 0)

    @TaskLocal static var bound: LoadRun?

    /// This test case's users, bound by `.loadUsers(n)`; fails with a message naming the trait
    /// when it is missing.
    public static var current: LoadRun {
        get throws {
            guard let bound else { throw FixtureError.traitMissing(resource: "LoadRun.current", trait: ".loadUsers(n)") }
            return bound
        }
    }

    init(users: [LoadUser], funder: Funder, context: ConnectionContext, configuration: LoadConfiguration, duration: Duration,
        logDirectory: URL, opLog: LoadLog)
    {
        self.users = users
        self.funder = funder
        self.context = context
        self.configuration = configuration
        self.duration = duration
        self.logDirectory = logDirectory
        self.opLog = opLog
    }

    /// Creates and funds `count` users with partners. Keys reach the keystore before any
    /// funds move, so a crash at any point leaves nothing unrecoverable.
    public static func provision(count: Int, label: String, configuration: LoadConfiguration, duration: Duration? = nil) async throws -> LoadRun {
        let connection = try await Network.shared.connection()
        #if EmbeddedDevnet
        let fresh = connection.isEmbedded || configuration.shrink == true ? FreshDevnet(plant: nil) : nil
        #else
        let fresh: FreshDevnet? = nil
        #endif
        let context = try await ConnectionContext(chain: connection.chain, info: connection.info, isEmbedded: connection.isEmbedded,
            freshInstance: fresh)
        return try await provision(count: count, label: label, configuration: configuration, duration: duration, context: context,
            root: try await Keystore.root())
    }

    /// Provisions on the network behind `context`, with the keystore (and logs) under `root`;
    /// `fund: false` only creates and saves the users (the benchmark's memory figure).
    public static func provision(count: Int, label: String, configuration: LoadConfiguration, duration: Duration? = nil,
        context: ConnectionContext, root: URL, fund: Bool = true) async throws -> LoadRun
    {
        try await provision(count: count, label: label, configuration: configuration, duration: duration, context: context, root: root, fund: fund,
            indices: nil)
    }

    /// Provisions the users numbered `indices` (a replay's), else `count` users from 0.
    static func provision(count: Int, label: String, configuration: LoadConfiguration, duration: Duration?, context: ConnectionContext, root: URL,
        fund: Bool, indices: [Int]?) async throws -> LoadRun
    {
        let duration = configuration.duration ?? duration ?? LoadConfiguration.defaultDuration
        let keystore = Keystore(root: root, network: context.info)
        try NetworkMarker.write(for: context, in: keystore)
        NetworkMarker.pruneGoneEmbeddedDevnets(under: root)
        let configuredFunder = try await FunderRegistry.shared.funder(context: context, keystore: keystore, configuration: configuration)
        await AutomaticRecovery.shared.recoverOnce(keystore: keystore, context: context, funder: configuredFunder)
        let runID = configuration.runID ?? RunIdentity.processRunID
        // A shard funds its users from a funder of its own (docs/distributed.md).
        let funder = try await ShardFunding.funder(configuredFunder, shard: configuration.shard, label: label, runID: runID, keystore: keystore,
            context: context)
        let stamp = Int(Date().timeIntervalSince1970)
        let logDirectory = root.deletingLastPathComponent()
            .appendingPathComponent("logs/\(stamp)-\(label)-\(configuration.seed)\(configuration.shard.map { "-\($0.name)" } ?? "")", isDirectory: true)
        let opLog = LoadLog(url: logDirectory.appendingPathComponent("ops.log"))
        let members = try configuration.userSet.map { try UserSetMembers(keystore: keystore, name: $0, count: count, numbers: configuration.userNumbers) }
        var users: [LoadUser] = []
        // A shard keeps the users whose global index n ≡ its index (mod shards), with their seeds and labels; a replay the users it names.
        for n in 0..<(members?.users.count ?? indices?.count ?? count) where indices != nil || (configuration.shard?.contains(user: n) ?? true) {
            let index = members?.users[n].setIndex ?? indices?[n] ?? n
            let userLog = LoadLog(url: logDirectory.appendingPathComponent("users/user-\(index).log"))
            let partnerRecord = members?.partners[n]
            let userRecord = members?.users[n]
            let partner = LoadUser(index: index, key: try partnerRecord.map { try KeyPair(seedHex: $0.seedHex) } ?? KeyPair(), role: .partner,
                partner: nil, connection: context, seed: configuration.seed &+ UInt64(index) &+ 1_000_000, keystore: keystore, opLog: opLog,
                userLog: userLog, record: partnerRecord)
            let user = LoadUser(index: index, key: try userRecord.map { try KeyPair(seedHex: $0.seedHex) } ?? KeyPair(), role: .user,
                partner: partner, connection: context, seed: configuration.seed &+ UInt64(index), keystore: keystore, opLog: opLog,
                userLog: userLog, record: userRecord)
            for account in [user, partner] {
                account.record.owner = .current
                account.record.status = .active
                account.record.run = runID
                try account.save()
            }
            users.append(user)
        }
        // Every key is on disk before any funds move to it.
        try await keystore.flush()
        guard fund else {
            return LoadRun(users: users, funder: funder, context: context, configuration: configuration, duration: duration,
                logDirectory: logDirectory, opLog: opLog)
        }
        let userFunds = configuration.userFunds
        let total = Funds(nat: Int128(users.count) * (userFunds.nat + partnerFunds.nat), und: Int128(users.count) * userFunds.und)
        try await funder.ensure(nat: total.nat + 10 * Units.nat, und: total.und + Units.und)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for user in users {
                group.addTask {
                    for (account, funds) in [(user, userFunds)] + (user.partner.map { [($0, partnerFunds)] } ?? []) {
                        account.givenThisRun = try await funder.give(funds, to: account.address)
                        account.record.given = account.record.given + account.givenThisRun
                        account.startingNAT = try await context.chain.balance(of: account.address)
                        try account.save()
                    }
                }
            }
            try await group.waitForAll()
        }
        return LoadRun(users: users, funder: funder, context: context, configuration: configuration, duration: duration,
            logDirectory: logDirectory, opLog: opLog)
    }

    /// Runs `mix` (narrowed by `LOAD_ACTIONS`) for `duration`, checks the invariants, collects
    /// every user's funds, prints the summary (and attaches it to the running test) and
    /// returns the report.
    ///
    /// ```swift
    /// let report = try await LoadRun.current.run(.minting)
    /// #expect(report.summary(.mintRandomAgentRandomAmount).latency.p95 < .seconds(2))
    /// ```
    public func run(_ mix: LoadMix) async throws -> LoadReport {
        try await run(configuration.narrow(mix), label: mix.name)
    }

    /// The names of `actions` in order, each once: an action listed twice is drawn twice as
    /// often, and reported in one row.
    static func distinctNames(_ actions: [LoadAction]) -> [ActionName] {
        var seen: Set<ActionName> = []
        return actions.map(\.name).filter { seen.insert($0).inserted }
    }

    /// Runs `actions` under `label`, as `run(_:)` does for a mix.
    public func run(_ actions: [LoadAction], label: String) async throws -> LoadReport {
        let replay = try replayToRun(label: label, actions: actions)
        let kept = await replayKeptFailures(label: label, actions: actions)
        let thresholds = Threshold.merged(configuration.thresholds)
        let settings = LoadRunSettings(runID: configuration.runID ?? RunIdentity.processRunID, seed: configuration.seed, users: users.count,
            duration: configuration.arrivalRate?.stagesDuration ?? duration, mix: label, actions: Self.distinctNames(actions),
            target: RunIdentity.publicTarget((context.chain.rpc.transport as? CurlTransport)?.url ?? "in-process"), executor: configuration.arrivalRate?.description
                ?? "closed: each user loops" + (configuration.iterations.map { ", \($0) actions each" } ?? ""),
            thresholds: thresholds.map(\.expression))
        let notifier = RunNotifier(url: configuration.notifyURL, level: configuration.notifyLevel, runID: settings.runID, label: label)
        let baseline = try await Invariants.Baseline(context: context)
        let networkBefore = context.chain.rpc.counters.snapshot
        let control = RunControl()
        let registration = InterruptStages.shared.register(control, label: label, users: users)
        defer { InterruptStages.shared.unregister(registration) }
        notifier.send(.info, event: "started", "[\(label)] load run \(settings.runID) started: \(users.count) users for "
            + "\(settings.duration.seconds.rounded(to: 1)) s against \(settings.target), seed \(settings.seed)")
        // A shard of a distributed run waits for the others here; they all start at one instant.
        let session = try await ShardSession.begin(self, label: label, control: control)
        let startedAt = session?.start.date ?? Date()
        let statistics = RunStatistics(start: session?.start.instant ?? .now)
        let publishing = session.map { session in Task { await session.publish(statistics) } }
        let recorder = ReplayRecorder(start: statistics.start, limit: configuration.replayLimit)
        let networkStart = context.clock()
        await RunControl.$current.withValue(control) {
            await RunNotifier.$current.withValue(notifier) {
                await ReplayRecorder.$current.withValue(recorder) {
                    if let replay {
                        await LoadReplayer.run(replay.steps, users: users, actions: ReplayFile.knownActions(actions), order: configuration.replayOrder,
                            pace: .real(slack: .seconds(30)), statistics: statistics, control: control)
                    } else {
                        await act(actions, settings: settings, thresholds: thresholds, statistics: statistics, control: control)
                    }
                }
            }
        }
        publishing?.cancel()
        await publishing?.value
        let elapsed = ContinuousClock.now - statistics.start
        let invariants: [InvariantResult]
        do { invariants = try await Invariants.check(run: self, baseline: baseline) } catch {
            invariants = [InvariantResult(name: "checked", holds: false, detail: "the invariants could not be read: \(error)")]
        }
        let returned = await RunControl.$current.withValue(control) { await collectAll() }
        var report = LoadReport(run: self, label: label, settings: settings, statistics: statistics, startedAt: startedAt, elapsed: elapsed,
            outcome: control.outcome, invariants: invariants, returned: returned)
        report.usersActed = statistics.actingUsers
        report.network = context.chain.rpc.counters.snapshot.since(networkBefore)
        report.thresholds = thresholds.map { $0.evaluate(report) }
        report.keptFailures = kept
        var recording = replayFile(label: label, settings: settings, startedAt: startedAt, networkStart: networkStart, steps: recorder.ordered,
            invariants: invariants)
        if recorder.omitted > 0 {
            recording.omittedSteps = recorder.omitted
            report.replayOmitted = recorder.omitted
        }
        let caseDirectory = session?.ownReportDirectory ?? LoadReportFiles.directory(runID: settings.runID, label: label, under: home)
        report.replayFile = Self.write(recording, named: ReplayFile.name, in: caseDirectory)
        report.shrink = await shrinkFailure(recording, actions: actions, invariants: invariants, directory: caseDirectory)
        let files = configuration.reportFiles ? LoadReportFiles.write(report, under: home, directory: session?.ownReportDirectory)
            : (directory: nil, written: [])
        report.reportDirectory = files.directory
        flushLogs()
        try? report.text.write(to: logDirectory.appendingPathComponent("summary-\(label).txt"), atomically: true, encoding: .utf8)
        print(report.text)
        if Test.current != nil {
            Attachment.record(report.text, named: "load-\(label).txt")
            for file in files.written {
                if let data = FileManager.default.contents(atPath: file.path) { Attachment.record([UInt8](data), named: "\(label)-\(file.lastPathComponent)") }
            }
            if let file = report.replayFile, let data = FileManager.default.contents(atPath: file.path) {
                Attachment.record([UInt8](data), named: "\(label)-\(ReplayFile.name)")
            }
            for failure in kept where failure.stillFails { Issue.record("load case \(label): \(failure.line)") }
            if report.outcome != .completed { Issue.record("load case \(label) was \(report.outcome): \(report.total.counts.finished) actions ended") }
            if !report.thresholdsPassed { Issue.record("load case \(label): \(report.thresholds.summary)") }
        }
        notify(report, notifier)
        await notifier.flush()
        await session?.finish(report)
        return report
    }

    /// The users act (closed model or arrival rate) while the live line and the abort
    /// thresholds watch them.
    private func act(_ actions: [LoadAction], settings: LoadRunSettings, thresholds: [Threshold], statistics: RunStatistics,
        control: RunControl) async
    {
        let lists = configuration.userActions
        let mix = actions
        func allowedActions(for user: LoadUser) -> [LoadAction] {
            guard !lists.isEmpty else { return mix }
            let allowed = lists[user.index % lists.count]
            return mix.filter { allowed.contains($0.name) }
        }
        await withTaskGroup(of: Void.self) { group in
            let idle: @Sendable () -> Int
            if let schedule = configuration.arrivalRate {
                let executor = ArrivalRateExecutor(schedule: schedule, users: users, actions: mix, statistics: statistics, control: control)
                idle = { [users] in users.count(where: { $0.activity.current.action == nil }) }
                group.addTask { [duration] in await executor.run(duration: duration) }
            } else {
                idle = { [users] in users.count(where: { $0.activity.isIdle }) }
                group.addTask { [users, duration, configuration] in
                    await LoadEngine.run(users: users, actions: allowedActions(for:), until: statistics.start + duration,
                        iterations: configuration.iterations, statistics: statistics, control: control)
                }
            }
            let watchers = Task {
                await withDiscardingTaskGroup { watch in
                    let reporter = ProgressReporter(label: settings.mix, run: self, statistics: statistics, planned: settings.duration, idleUsers: idle)
                    watch.addTask { [configuration] in await reporter.run(every: configuration.reportInterval) }
                    let monitor = ThresholdMonitor(thresholds: thresholds, statistics: statistics, control: control, label: settings.mix,
                        delay: configuration.thresholdDelay)
                    watch.addTask { await monitor.run() }
                }
            }
            await group.waitForAll()
            watchers.cancel()
            await watchers.value
        }
    }

    /// The run's last notifications: violations (warning), and how it ended (error when it
    /// failed or was interrupted, info otherwise).
    private func notify(_ report: LoadReport, _ notifier: RunNotifier) {
        let label = report.label
        if !report.invariantViolations.isEmpty {
            notifier.send(.warning, event: "invariants", "[\(label)] \(report.invariantViolations.count) invariant(s) violated: "
                + report.invariantViolations.map(\.name).joined(separator: ", "), counts: ["invariant_violations": report.invariantViolations.count])
        }
        let counts = ["actions": report.total.counts.finished, "failed": report.total.counts.failed, "mismatches": report.mismatchCount]
        if report.outcome != .completed || !report.thresholdsPassed {
            let why = report.outcome != .completed ? "\(report.outcome)" : "thresholds failed: "
                + report.thresholds.filter { !$0.passed }.map(\.description).joined(separator: "; ")
            notifier.send(.error, event: "failed", "[\(label)] load run \(report.runID) \(why)", counts: counts)
        } else {
            notifier.send(.info, event: "finished", "[\(label)] load run \(report.runID) finished: \(report.total.counts.finished) actions, "
                + "success \((report.successRate * 100).rounded(to: 2)) %, \(report.mismatchCount) mismatches", counts: counts)
        }
    }

    /// Writes every line the op log and the user logs still buffer.
    public func flushLogs() {
        opLog.flush()
        for user in users { user.userLog?.flush() }
    }

    /// Every account of the run: each user, then its partner.
    public var accounts: [LoadUser] { users.flatMap { [$0] + ($0.partner.map { [$0] } ?? []) } }

    /// Returns every user's and partner's funds to the funder, in parallel, once; later
    /// calls return what the first one returned.
    public func collectAll() async -> Funds {
        let task = collected.withLock { running in
            if let running { return running }
            let task = Task { await self.collectOnce() }
            running = task
            return task
        }
        return await task.value
    }

    private func collectOnce() async -> Funds {
        let funder = self.funder
        let total = await withTaskGroup(of: Funds.self) { group in
            for user in users {
                group.addTask {
                    var f = await funder.collect(user)
                    if let partner = user.partner { f = f + (await funder.collect(partner)) }
                    return f
                }
            }
            return await group.reduce(Funds(), +)
        }
        await ShardFunding.settle(funder)
        for user in users { user.userLog?.flush() }
        opLog.close()
        return total
    }

    /// Each user's and partner's balances after collection, with what it may keep: dust, plus
    /// SPEC's gas for what is still open (pending claims, pool tokens still locked), plus the
    /// FUND under a lot that a node without `fund.transfer` leaves no way to return.
    public func leftovers() async throws -> [(label: String, funds: Funds, allowed: Funds)] {
        var out: [(String, Funds, Funds)] = []
        for account in accounts {
            let funds = Funds(
                nat: try await context.chain.balance(of: account.address),
                und: try await UnderlyingChain(rpc: context.chain.rpc).balance(of: account.underlying.address),
                fund: try await context.asset.fundBalance(of: account.address))
            var allowed = Self.dust
            allowed.nat += await Settlement.gasReserve(account)
            // Under a lot of FUND on a node without fund.transfer (SPEC defines none).
            allowed.fund += min(account.unmovableFund, context.settings.lotSize - 1)
            out.append((account.record.label, funds, allowed))
        }
        return out
    }
}
