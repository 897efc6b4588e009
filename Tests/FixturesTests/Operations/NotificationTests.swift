@testable import Fixtures
import Foundation
import Networks
import Testing

/// Run notifications (LOAD_NOTIFY_URL, LOAD_NOTIFY_LEVEL) against a local HTTP listener.
@Suite("Run notifications", .timeLimit(.minutes(5)))
struct NotificationTests {
    @Test("a load run posts started and finished at level info; warnings and errors pass a warning threshold, info does not")
    func levels() async throws {
        let hook = try await WebhookListener.start()
        defer { hook.stop() }
        var configuration = LoadConfiguration(seed: 5)
        configuration.notifyURL = hook.url
        configuration.notifyLevel = .info
        configuration.reportInterval = .zero
        let run = try await LoadRun.provision(count: 2, label: "notify", configuration: configuration, duration: .seconds(2))
        _ = try await run.run(LoadMix("notify", [.enterRandomPoolRandomAmount]))
        let bodies = try #require(await hook.bodies(atLeast: 2))
        #expect(bodies.map { $0["event"]?.stringValue } == ["started", "finished"], "\(bodies)")
        #expect(bodies.allSatisfy { $0["level"]?.stringValue == "info" && $0["case"]?.stringValue == "notify" })
        #expect(bodies.last?["text"]?.stringValue?.contains("finished") == true)

        let notifier = RunNotifier(url: hook.url, level: .warning, runID: "r1", label: "levels")
        notifier.send(.info, event: "started", "not sent")
        notifier.send(.error, event: "failed", "sent")
        await notifier.flush()
        let more = try #require(await hook.bodies(atLeast: 3))
        #expect(more.count == 3 && more.last?["event"]?.stringValue == "failed", "info was held back at level warning: \(more)")
    }

    @Test("mismatch warnings go out at most once a minute, carrying the counts held back")
    func rateLimited() async throws {
        let hook = try await WebhookListener.start()
        defer { hook.stop() }
        let notifier = RunNotifier(url: hook.url, level: .warning, runID: "r2", label: "mix")
        notifier.mismatches(1, example: "user-0 nat: expected 1 NAT, actual 2 NAT")
        notifier.mismatches(2, example: "user-1")
        notifier.mismatches(3, example: "user-2")
        await notifier.flush()
        let bodies = try #require(await hook.bodies(atLeast: 1))
        #expect(bodies.count == 1, "one warning in the first minute: \(bodies)")
        #expect(bodies.first?["counts"]?["mismatches"]?.intValue == 1)
        #expect(bodies.first?["text"]?.stringValue?.contains("user-0 nat") == true)
    }

    @Test("a Telegram bot URL gets Telegram's form: chat_id from the URL and the text")
    func telegram() {
        let body = RunNotifier.body(url: "https://api.telegram.org/bot123:abc/sendMessage?chat_id=-100200", level: .error, event: "failed",
            runID: "r", label: "all", text: "load run r interrupted", counts: [:])
        #expect(body == ["chat_id": "-100200", "text": "ERROR: load run r interrupted"])
    }

    @Test("a notification that cannot be delivered fails nothing, and a run with such a webhook completes")
    func undeliverable() async throws {
        var configuration = LoadConfiguration(seed: 6)
        configuration.notifyURL = "http://127.0.0.1:9/hook"  // the discard port: nothing listens
        configuration.notifyLevel = .info
        configuration.reportInterval = .zero
        let run = try await LoadRun.provision(count: 1, label: "undeliverable", configuration: configuration, duration: .seconds(1))
        let report = try await run.run(LoadMix("undeliverable", [.enterRandomPoolRandomAmount]))
        #expect(report.outcome == .completed && report.thresholdsPassed)
    }
}
