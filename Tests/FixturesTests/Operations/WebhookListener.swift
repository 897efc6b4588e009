import Foundation
import Hummingbird
import Networks
import NIOCore

/// A local HTTP listener for notification tests: it records every JSON body POSTed to
/// `/hook` and wakes whoever waits for a number of them (a bounded wait).
final class WebhookListener: Sendable {
    actor Received {
        var bodies: [JSON] = []
        private var waiters: [Int: (count: Int, continuation: CheckedContinuation<Bool, Never>)] = [:]
        private var next = 0

        func add(_ body: JSON) {
            bodies.append(body)
            for (id, w) in waiters where w.count <= bodies.count {
                waiters[id] = nil
                w.continuation.resume(returning: true)
            }
        }

        /// True once `count` bodies arrived, false when `timeout` passes first.
        func wait(for count: Int, timeout: Duration) async -> Bool {
            if bodies.count >= count { return true }
            next += 1
            let id = next
            let expiry = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expire(id)
            }
            defer { expiry.cancel() }
            return await withCheckedContinuation { waiters[id] = (count, $0) }
        }

        private func expire(_ id: Int) { waiters.removeValue(forKey: id)?.continuation.resume(returning: false) }
    }

    let received: Received
    let port: Int
    private let task: Task<Void, any Error>

    var url: String { "http://127.0.0.1:\(port)/hook" }

    private init(received: Received, port: Int, task: Task<Void, any Error>) {
        self.received = received
        self.port = port
        self.task = task
    }

    static func start() async throws -> WebhookListener {
        let received = Received()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            if let json = try? JSON.parse(Array(body.readableBytesView)) { await received.add(json) }
            return .ok
        }
        let bound = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in bound.continuation.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await app.run() }
        var ports = bound.stream.makeAsyncIterator()
        guard let port = await ports.next() else { throw CancellationError() }
        return WebhookListener(received: received, port: port, task: task)
    }

    /// The bodies received once there are at least `count` of them, or nil after `timeout`.
    func bodies(atLeast count: Int, timeout: Duration = .seconds(20)) async -> [JSON]? {
        await received.wait(for: count, timeout: timeout) ? await received.bodies : nil
    }

    func stop() { task.cancel() }
}
