import Foundation
import Networks
import Synchronization

/// One simulated user of a load run: a native account, the underlying account on the
/// same key, a partner, its persisted record, its own seeded RNG and logs.
///
/// What the user is (identity, accounts, the network it acts on) never changes; what its
/// flow does to it (record, state, effects, RNG) is `FlowState`, behind a lock. One flow task
/// drives a user at a time, so the lock is never contended: it makes the sharing with live
/// lines and Ctrl-C explicit instead of unchecked.
public final class LoadUser: Sendable {
    public let index: Int
    public let native: Account
    public let underlying: UnderlyingAccount
    /// The partner user of Scenario2 (no partner of its own).
    public let partner: LoadUser?
    public let asset: AssetManager
    public let settings: AssetSettingsInfo
    public let agents: [AgentInfo]
    /// wei per gas of the network (`devnet_info.gas_price`, SPEC 9).
    public let gasPrice: Int128
    /// The network's clock (`ConnectionContext.clock`).
    let clock: @Sendable () -> Double
    let poolReads: PoolReads
    /// What the user is doing now, readable from other tasks (live lines, a second Ctrl-C).
    let activity = UserActivity()
    let keystore: Keystore
    let opLog: LoadLog?
    let userLog: LoadLog?
    private let flow: Mutex<FlowState>

    /// Everything a user's flow changes.
    struct FlowState: Sendable {
        var record: UserRecord
        var rng: SeededGenerator
        var effects = Effects()
        var actionGas: Int64 = 0
        var actionGasExpected: Int64 = 0
        var currentAction = ""
        var actionStart = ContinuousClock.now
        var pools: Set<String> = []
        var state = UserState()
        var stateIsStale = false
        var totals = RunTotals()
        var startingNAT: Int128 = 0
        var givenThisRun = Funds()
        /// When the user's deposits were blocked, by the node's clock: from the block's
        /// transaction to the unblock's (open while blocked).
        var depositBlocks: [(from: Int64, to: Int64?)] = []
        /// The draws of the current action (replay.json), and the recorded ones a replay uses instead of the generator.
        var tape = DrawTape()
        /// FUND the last collection could not move: under a lot, on a node without `fund.transfer`.
        var unmovableFund: Int128 = 0
    }

    private func get<T: Sendable>(_ key: KeyPath<FlowState, T> & Sendable) -> T { flow.withLock { $0[keyPath: key] } }
    private func set<T: Sendable>(_ key: WritableKeyPath<FlowState, T> & Sendable, _ value: T) { flow.withLock { $0[keyPath: key] = value } }

    /// FUND the last collection left because the node offers no way to move it (SPEC defines
    /// no FUND transfer: whole lots go back through redemption, a remainder under a lot stays).
    public internal(set) var unmovableFund: Int128 {
        get { get(\.unmovableFund) }
        set { set(\.unmovableFund, newValue) }
    }

    /// The keystore record: key, funds given and returned, pending operations.
    public var record: UserRecord {
        get { get(\.record) }
        set {
            set(\.record, newValue)
            activity.setPending(newValue.book)
        }
    }
    /// The user's seeded generator: every random choice of its actions draws from it.
    public var rng: SeededGenerator {
        get { get(\.rng) }
        set { set(\.rng, newValue) }
    }
    /// What the current action did so far.
    public var effects: Effects {
        get { get(\.effects) }
        set { set(\.effects, newValue) }
    }
    /// Gas used by the current action, and what SPEC's table says its calls cost, for its `OP_DONE` line.
    var actionGas: Int64 {
        get { get(\.actionGas) }
        set { set(\.actionGas, newValue) }
    }
    var actionGasExpected: Int64 {
        get { get(\.actionGasExpected) }
        set { set(\.actionGasExpected, newValue) }
    }
    var currentAction: String {
        get { get(\.currentAction) }
        set { set(\.currentAction, newValue) }
    }
    var actionStart: ContinuousClock.Instant {
        get { get(\.actionStart) }
        set { set(\.actionStart, newValue) }
    }
    /// Pools (by agent) the user holds or touched: the state read covers them.
    public var pools: Set<String> {
        get { get(\.pools) }
        set { set(\.pools, newValue) }
    }
    /// The state after the last action: the next action's "before".
    public var state: UserState {
        get { get(\.state) }
        set { set(\.state, newValue) }
    }
    /// True when the last state read failed: the state is read again before the next action.
    var stateIsStale: Bool {
        get { get(\.stateIsStale) }
        set { set(\.stateIsStale, newValue) }
    }
    /// What all of this account's actions did, for the run's invariants.
    public var totals: RunTotals {
        get { get(\.totals) }
        set { set(\.totals, newValue) }
    }
    /// The account's NAT once funded, before it acted: NAT conservation starts from it.
    public var startingNAT: Int128 {
        get { get(\.startingNAT) }
        set { set(\.startingNAT, newValue) }
    }
    /// What the funder gave the account for this run (`record.given` counts every run of a reused user).
    public var givenThisRun: Funds {
        get { get(\.givenThisRun) }
        set { set(\.givenThisRun, newValue) }
    }

    public var address: String { native.address }
    public var book: UserBook {
        get { record.book }
        set { record.book = newValue }
    }

    /// The network's time in whole seconds since 1970 (SPEC's timestamps): deadlines and locks are judged by it.
    public var now: Int64 { Int64(clock()) }

    /// Names the step the current action is in, for the operator's view of busy users.
    public func enter(phase: String) { activity.phase(phase) }

    init(index: Int, key: KeyPair, role: UserRecord.Role, partner: LoadUser?, connection: ConnectionContext, seed: UInt64,
        keystore: Keystore, opLog: LoadLog?, userLog: LoadLog?, record: UserRecord? = nil)
    {
        self.index = index
        native = Account(key: key, chain: connection.chain, chainID: connection.info.chainID)
        underlying = UnderlyingAccount(key: key, chain: UnderlyingChain(rpc: connection.chain.rpc), chainID: connection.info.underlyingChainID)
        self.partner = partner
        asset = connection.asset
        settings = connection.settings
        agents = connection.agents
        gasPrice = connection.info.gasPrice
        clock = connection.clock
        poolReads = connection.poolReads
        let record = record ?? UserRecord(key: key, role: role, label: role == .user ? "user-\(index)" : "user-\(index)-partner")
        flow = Mutex(FlowState(record: record, rng: SeededGenerator(seed: seed)))
        self.keystore = keystore
        self.opLog = opLog
        self.userLog = userLog
        activity.setPending(record.book)
    }

    /// Persists the record (key, funds, pending operations) to the keystore; it reaches the
    /// disk within a group commit (20 ms).
    public func save() throws { try keystore.save(record) }

    /// Persists the record and returns once it is on disk: before a payment that a claim in
    /// the record must survive.
    public func saveDurably() async throws { try await keystore.saveDurably(record) }

    func log(_ line: String) { userLog?.write("[\(record.label)] \(line)") }

    // MARK: operations that feed the effects and the op log

    /// Sends a native call. The fee SPEC fixes for it (its gas by SPEC 3's table × the gas
    /// price) joins the effects whether it succeeded or reverted, never the receipt's own
    /// figure; a receipt whose `gas_used` or `fee` differs from SPEC is a mismatch of the
    /// action. Throws `ActionFailure.reverted` for a reverted receipt. `recordIntent` receives
    /// the signed transaction's nonce and hash before it is sent (see `Account.send`).
    @discardableResult
    public func send(_ call: Call, phase: String,
                     recordIntent: (@Sendable (TransactionIntent) async throws -> Void)? = nil) async throws -> Receipt {
        activity.phase(phase)
        let start = ContinuousClock.now
        let receipt = try await native.send(call, recordIntent: recordIntent)
        let kind = specKind(of: call)
        let specGas = kind.flatMap { SpecGas.gas($0, call.method) }
        let name = "receipt[\(kind?.rawValue ?? String(call.contract.prefix(10))).\(call.method)]"
        var found: [Mismatch] = []
        if let specGas, receipt.gasUsed != specGas {
            found.append(Mismatch(field: "\(name).gas_used", expected: String(specGas), actual: String(receipt.gasUsed)))
        }
        if receipt.fee != Int128(receipt.gasUsed) * gasPrice {
            found.append(Mismatch(field: "\(name).fee", expected: String(Int128(receipt.gasUsed) * gasPrice), actual: String(receipt.fee), asset: .nat))
        }
        flow.withLock { f in
            // SPEC's fee where SPEC names the call's gas; a call it does not price (FUND's transfer) costs what the node says.
            f.effects.gasFees += specGas.map { Int128($0) * gasPrice } ?? receipt.fee
            f.effects.receiptMismatches += found
            f.actionGas += receipt.gasUsed
            f.actionGasExpected += specGas ?? receipt.gasUsed
        }
        opLog?.write("OP_WATCH user=\(record.label) action=\(currentAction) phase=\(phase) ms=\(milliseconds(since: start)) "
            + "tx=\(receipt.hash) gas=\(receipt.gasUsed)/\(specGas.map(String.init) ?? "?") status=\(receipt.status.rawValue)")
        if receipt.status == .reverted {
            throw ActionFailure.reverted(call: "\(call.contract.prefix(14)).\(call.method)", error: receipt.error.map { "\($0)" } ?? "unknown")
        }
        return receipt
    }

    /// Pays UND; the 12-drop fee joins the effects, failed payments included. `recordIntent`
    /// receives the signed payment's sequence and hash before it is sent (see
    /// `UnderlyingAccount.pay(_:to:reference:recordIntent:)`).
    public func pay(_ amount: Int128, to: String, reference: String?, phase: String,
                    recordIntent: (@Sendable (TransactionIntent) async throws -> Void)? = nil) async throws -> UnderlyingTransaction {
        activity.phase(phase)
        let start = ContinuousClock.now
        let tx = try await underlying.pay(amount, to: to, reference: reference, recordIntent: recordIntent)
        chargeUnderlyingFee(tx, "payment")
        opLog?.write("OP_WATCH user=\(record.label) action=\(currentAction) phase=\(phase) ms=\(milliseconds(since: start)) tx=\(tx.hash) status=\(tx.status)")
        return tx
    }

    /// Finishes a payment an earlier process recorded (`UnderlyingAccount.resume`); one sent
    /// now is charged like any payment, one included earlier cost this run nothing.
    public func resume(_ intent: TransactionIntent, amount: Int128, to: String, reference: String?) async throws -> UnderlyingAccount.ResumedPayment {
        activity.phase("pay")
        let outcome = try await underlying.resume(intent, amount: amount, to: to, reference: reference)
        switch outcome {
        case .sentNow(let tx):
            chargeUnderlyingFee(tx, "payment")
            opLog?.write("OP_WATCH user=\(record.label) action=\(currentAction) phase=pay tx=\(tx.hash) status=\(tx.status) resumed=sent")
        case .includedEarlier(let tx):
            opLog?.write("OP_WATCH user=\(record.label) action=\(currentAction) phase=pay tx=\(tx.hash) status=\(tx.status) resumed=included-earlier")
        case .neverMade:
            opLog?.write("OP_WATCH user=\(record.label) action=\(currentAction) phase=pay intent=\(intent.hash) resumed=never-made")
        }
        return outcome
    }

    /// Blocks or unblocks deposits into the user's underlying account.
    public func setDepositBlocked(_ blocked: Bool) async throws {
        activity.phase(blocked ? "block" : "unblock")
        let start = ContinuousClock.now
        let tx = try await underlying.setDepositBlocked(blocked)
        chargeUnderlyingFee(tx, "deposit_setting")
        let at = tx.timestamp ?? now
        flow.withLock { f in
            if blocked { f.depositBlocks.append((at, nil)) } else if let last = f.depositBlocks.indices.last, f.depositBlocks[last].to == nil {
                f.depositBlocks[last].to = at
            }
        }
        opLog?.write("OP_WATCH user=\(record.label) action=\(currentAction) phase=\(blocked ? "block" : "unblock") ms=\(milliseconds(since: start))")
    }

    /// Whether the user's deposits were blocked for certain at `time` (node seconds): strictly
    /// inside a blocked span, so a payment then must have failed (SPEC 5).
    func depositsBlocked(at time: Int64) -> Bool {
        flow.withLock { f in f.depositBlocks.contains { time > $0.from && $0.to.map { time < $0 } ?? true } }
    }

    /// SPEC 5's 12-drop fee joins the effects; a transaction reporting another fee is a mismatch.
    private func chargeUnderlyingFee(_ tx: UnderlyingTransaction, _ what: String) {
        flow.withLock { f in
            f.effects.underlyingFees += UnderlyingChain.transactionFee
            if tx.fee != UnderlyingChain.transactionFee {
                f.effects.receiptMismatches.append(Mismatch(field: "underlying[\(what)].fee", expected: String(UnderlyingChain.transactionFee),
                    actual: String(tx.fee), asset: .und))
            }
        }
    }

    /// The kind of contract `call` addresses, as SPEC 3's gas table names them.
    func specKind(of call: Call) -> SpecGas.ContractKind? {
        switch call.contract {
        case "native": .native
        case "deployer": .deployer
        case asset.id, "asset_manager": .assetManager
        case asset.fundID, "fund": .fund
        case "scheduler": .scheduler
        default: agents.contains { $0.pool == call.contract } ? .pool : nil
        }
    }

    /// A random integer in `range` from the user's seeded generator (or the replayed draw).
    public func random(_ range: ClosedRange<Int64>) -> Int64 {
        flow.withLock { f in
            let wide = Int128(range.lowerBound)...Int128(range.upperBound)
            let value = f.tape.nextNumber(in: wide).map { Int64($0) } ?? Int64.random(in: range, using: &f.rng)
            f.tape.drawn.append(.number(Int128(value), in: wide))
            return value
        }
    }

    public func random(_ range: ClosedRange<Int128>) -> Int128 {
        flow.withLock { f in
            let value: Int128
            if let scripted = f.tape.nextNumber(in: range) {
                value = scripted
            } else {
                let span = UInt64(clamping: range.upperBound - range.lowerBound)
                value = range.lowerBound + Int128(span == UInt64.max ? f.rng.next() : UInt64.random(in: 0...span, using: &f.rng))
            }
            f.tape.drawn.append(.number(value, in: range))
            return value
        }
    }

    public func randomElement<T: Sendable>(_ items: [T]) -> T? {
        flow.withLock { f in
            guard !items.isEmpty else { return nil }
            let index = f.tape.nextIndex(count: items.count) ?? Int.random(in: 0..<items.count, using: &f.rng)
            f.tape.drawn.append(.pick(index, of: items.count, item: ReplayDraw.describe(items[index])))
            return items[index]
        }
    }

    /// Starts recording the draws of a new action; with `script`, its draws come from there.
    func beginDraws(script: [ReplayDraw]? = nil) { flow.withLock { $0.tape = DrawTape(script: script) } }

    /// The draws of the action, and why it could not follow its script (nil when it could).
    func endDraws() -> (draws: [ReplayDraw], divergence: String?) {
        flow.withLock { f in
            let out = (f.tape.drawn, f.tape.divergence)
            f.tape = DrawTape()
            return out
        }
    }

    /// Chooses the next action with the user's generator, outside any action's draws.
    func chooseAction(_ actions: [LoadAction]) -> LoadAction? { flow.withLock { LoadEngine.pick(actions, using: &$0.rng) } }
}

/// Why an action did not succeed.
public enum ActionFailure: Error, Sendable, CustomStringConvertible {
    case reverted(call: String, error: String)
    case unexpected(String)

    public var description: String {
        switch self {
        case .reverted(let call, let error): "\(call) reverted: \(error)"
        case .unexpected(let what): what
        }
    }
}

/// What every user of a run shares about the network.
public struct ConnectionContext: Sendable {
    public let chain: NativeChain
    public let info: NetworkInfo
    public let asset: AssetManager
    public let settings: AssetSettingsInfo
    /// The public agents when the run started.
    public let agents: [AgentInfo]
    /// Whether the network is this process's embedded devnet (its keystore is pruned once it is gone).
    public let isEmbedded: Bool
    /// The network's clock in seconds since 1970: this machine's, or a private devnet's
    /// virtual clock when a replay skips the waits (timelocks, deadlines) of its recording.
    public let clock: @Sendable () -> Double
    /// How shrinking gets a fresh private instance of this network; nil where there is none.
    public let freshInstance: FreshDevnet?
    /// The run's latest pool reads, shared by its users' state reads.
    let poolReads = PoolReads()

    public init(chain: NativeChain, info: NetworkInfo, isEmbedded: Bool = false,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }, freshInstance: FreshDevnet? = nil) async throws
    {
        self.chain = chain
        self.info = info
        self.isEmbedded = isEmbedded
        self.clock = clock
        self.freshInstance = freshInstance
        asset = AssetManager(chain: chain, id: info.contracts["asset_manager"] ?? "asset_manager", fundID: info.contracts["fund"] ?? "fund")
        settings = try await asset.settings()
        agents = try await asset.agents()
    }
}

/// Sums over a run of what an account's actions did (SPEC amounts), for the invariants.
public struct RunTotals: Sendable, Equatable {
    public var gasFees: Int128 = 0
    public var underlyingFees: Int128 = 0
    public var reservationFees: Int128 = 0
    public var natIntoPools: Int128 = 0
    public var natFromPools: Int128 = 0
    public var defaultPremiums: Int128 = 0
    /// NAT sent to other accounts by custom actions (negative when received).
    public var natSent: Int128 = 0
    public var executedLots: Int64 = 0
    public var redeemedLots: Int64 = 0
    /// Pool tokens sent to another account (Scenario2's partner); negative when received.
    public var poolTokensSent: Int128 = 0

    public init() {}

    /// Adds one action's effects.
    public mutating func add(_ e: Effects, settings: AssetSettingsInfo) {
        gasFees += e.gasFees
        underlyingFees += e.underlyingFees
        reservationFees += e.reservedLots.reduce(0) { $0 + settings.reservationFee(lots: $1) }
        natIntoPools += e.poolEntries.reduce(0) { $0 + $1.nat }
        natFromPools += e.poolExits.reduce(0) { $0 + $1.nat }
        defaultPremiums += e.defaultedValues.reduce(0) { $0 + settings.defaultPayment(valueUBA: $1) }
        natSent += e.natSent
        executedLots += e.executedLots
        redeemedLots += e.redeemedLots
        poolTokensSent += e.tokensSent.reduce(0) { $0 + $1.tokens }
    }
}
