import Foundation
import Networks
import Synchronization

/// How much a notification matters; `LOAD_NOTIFY_LEVEL` sends this level and above.
public enum NotificationLevel: String, Sendable, Hashable, Comparable, CaseIterable {
    case info, warning, error

    public static func < (a: NotificationLevel, b: NotificationLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Run notifications to a webhook (`LOAD_NOTIFY_URL`, FAssets-QA's Telegram bot with a level
/// threshold): run started and finished (info), mismatches and invariant violations
/// (warning, at most one message a minute, with counts), a failed or interrupted run (error).
///
/// A webhook gets a JSON POST `{"level", "event", "run_id", "case", "text", "counts"}`; a
/// Telegram bot URL (`https://api.telegram.org/bot<token>/sendMessage?chat_id=<chat>`) gets
/// Telegram's `{"chat_id", "text"}`. A notification that cannot be delivered is reported on
/// standard error and never fails or slows the run.
final class RunNotifier: Sendable {
    let url: String?
    let level: NotificationLevel
    let runID: String
    let label: String
    private let transport: CurlTransport?
    private let state = Mutex(State())

    struct State {
        var lastWarning: ContinuousClock.Instant?
        var unsentMismatches = 0
        var totalMismatches = 0
        var pending: [Task<Void, Never>] = []
    }

    /// The notifier of the case the current task works for.
    @TaskLocal static var current: RunNotifier?

    /// How often warnings may go out.
    static let warningInterval = Duration.seconds(60)

    init(url: String?, level: NotificationLevel, runID: String, label: String) {
        self.url = url
        self.level = level
        self.runID = runID
        self.label = label
        transport = url.map { CurlTransport(url: $0, timeout: .seconds(5), maxConnections: 2) }
    }

    deinit { transport?.shutdown() }

    /// Sends `text` if `level` is at or above the configured one; returns at once.
    func send(_ level: NotificationLevel, event: String, _ text: String, counts: [String: Int] = [:]) {
        guard let transport, let url, level >= self.level else { return }
        let body = Self.body(url: url, level: level, event: event, runID: runID, label: label, text: text, counts: counts)
        let task = Task {
            do { _ = try await transport.roundTrip(body.canonicalBytes) } catch {
                InterruptStages.say("[\(label)] notification \(event) to \(RunIdentity.publicTarget(url)) was not delivered: \(error)")
            }
        }
        state.withLock { $0.pending.append(task) }
    }

    /// A mismatch was found: a warning goes out at most once a minute, counting those held back.
    func mismatches(_ count: Int, example: String) {
        let now = ContinuousClock.now
        let (sendNow, held, total): (Bool, Int, Int) = state.withLock { s in
            s.unsentMismatches += count
            s.totalMismatches += count
            guard s.lastWarning.map({ now - $0 >= Self.warningInterval }) ?? true else { return (false, 0, 0) }
            s.lastWarning = now
            defer { s.unsentMismatches = 0 }
            return (true, s.unsentMismatches, s.totalMismatches)
        }
        guard sendNow else { return }
        send(.warning, event: "mismatch", "[\(label)] \(held) state mismatch(es) since the last warning, \(total) in all; e.g. \(example)",
            counts: ["mismatches": total, "since_last_warning": held])
    }

    /// Waits up to `timeout` for notifications in flight, so the last ones go out before the run ends.
    func flush(timeout: Duration = .seconds(5)) async {
        let pending = state.withLock { s in defer { s.pending = [] }; return s.pending }
        guard !pending.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for task in pending { await task.value } }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// The POST body: Telegram's form for a Telegram bot URL, LedgerQA's JSON otherwise.
    static func body(url: String, level: NotificationLevel, event: String, runID: String, label: String, text: String,
        counts: [String: Int]) -> JSON
    {
        let parts = URLComponents(string: url)
        if parts?.host == "api.telegram.org", parts?.path.hasSuffix("/sendMessage") == true {
            var body: [String: JSON] = ["text": .string("\(level.rawValue.uppercased()): \(text)")]
            if let chat = parts?.queryItems?.first(where: { $0.name == "chat_id" })?.value { body["chat_id"] = .string(chat) }
            return .object(body)
        }
        return .object([
            "level": .string(level.rawValue), "event": .string(event), "run_id": .string(runID), "case": .string(label),
            "text": .string(text), "counts": .object(counts.mapValues { .int(Int64($0)) }),
        ])
    }
}
