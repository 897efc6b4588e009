@testable import Fixtures
import Foundation
import Networks
import Synchronization
import Testing

/// Every wait ends: a node that never runs a released job, a node that never answers, and a
/// consumer that closed make the waits fail within their bound, with a message naming what
/// they waited for, the last value seen and for how long, instead of spinning or hanging.
@Suite("Wait bounds", .timeLimit(.minutes(1)))
struct WaitBoundTests {
    @Test("triggerNextScheduleJob on a node that never runs the job fails within its timeout, naming the job and what the listing showed")
    func jobNeverRuns() async throws {
        let node = StuckNode(.neverRunsJobs(nextRun: 1_577_836_805, tag: "pay-stuck"))
        let control = try node.control(tag: "pay-stuck")
        let error = await #expect(throws: WaitTimeout.self) {
            try await control.triggerNextScheduleJob(.payRedemptions, for: "nagent", timeout: .seconds(1))
        }
        let message = error?.description ?? ""
        #expect(message.contains("the PAY_REDEMPTIONS job of nagent effective 1577836805"), "\(message)")
        #expect(message.contains("last seen: no jobs listed; Kafka off") && message.hasPrefix("timed out after "), "\(message)")
        let polls = node.asked.filter { $0 == "nat_call:list_jobs" }.count
        // How many polls fit in the second depends on the machine's load; a busy loop would make thousands.
        #expect(polls >= 1 && polls < 60, "it polled the listing with back-off, not in a busy loop: \(polls) polls")
    }

    @Test("a wait whose reads never answer ends at its bound and says the attempt got no answer")
    func silentNode() async throws {
        let node = StuckNode(.silent)
        let schedules = Schedules(chain: NativeChain(rpc: RPCClient(transport: node)))
        var retry = Waits.retry
        retry.timeout = .milliseconds(300)
        retry.minimumAttemptTime = .milliseconds(300)
        let error = await #expect(throws: WaitTimeout.self) {
            try await retry.run("the jobs of a silent node", attempt: { try await schedules.jobs(.payRedemptions, of: "nagent") },
                until: { !$0.isEmpty })
        }
        #expect(error?.lastSeen.contains("the attempt got no answer within 0.3 s") == true, "\(String(describing: error))")
        #expect(error?.attempts == 1)
    }

    @Test("runScheduleJobs refuses to release more than 10,000 jobs at once, before touching the tag")
    func tooManyJobs() async throws {
        let node = StuckNode(.neverRunsJobs(nextRun: 0, tag: "pay-epoch"))
        let control = try node.control(tag: "pay-epoch")
        let error = await #expect(throws: ScheduleControlError.self) {
            try await control.runScheduleJobs(.payRedemptions, for: "nagent", through: Date().epochSeconds)
        }
        #expect(error.map { "\($0)" }?.contains("more than 10000 jobs") == true, "\(String(describing: error))")
        #expect(!node.asked.contains("nat_sendTransaction"), "no tag was moved")
    }

    @Test("a pause that returns at once cannot make a wait spin: attempts stay at least the minimum spacing apart")
    func minimumSpacing() async throws {
        let attempts = Mutex(0)
        let retry = Retry(timeout: .milliseconds(400), interval: .milliseconds(1), backoff: 1, maxInterval: .milliseconds(1))
        _ = await #expect(throws: WaitTimeout.self) {
            try await retry.run("a value that never comes", pause: { _ in }, attempt: { attempts.withLock { $0 += 1; return $0 } }, until: { $0 < 0 })
        }
        let count = attempts.withLock { $0 }
        // Fewer attempts happen on a loaded machine; more than one per 20 ms never.
        #expect(count >= 1 && count <= 25, "at most one attempt per 20 ms in 400 ms: \(count)")
    }

    @Test("the event-driven pause of a closed consumer waits its interval instead of returning at once")
    func closedConsumer() async throws {
        let outage = try await KafkaBrokerOutage.start()
        outage.close()
        let attempts = Mutex(0)
        let retry = Retry(timeout: .milliseconds(600), interval: .milliseconds(200), backoff: 1, maxInterval: .milliseconds(200))
        _ = await #expect(throws: WaitTimeout.self) {
            try await retry.run("an event of a closed consumer", pause: Waits.pause(outage.consumer), attempt: { attempts.withLock { $0 += 1; return $0 } },
                until: { $0 < 0 })
        }
        #expect(attempts.withLock { $0 } <= 5, "one attempt per 200 ms interval: \(attempts.withLock { $0 })")
    }
}
