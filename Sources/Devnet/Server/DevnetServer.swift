public import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The devnet's HTTP face on Hummingbird: `POST /rpc` (also `POST /`) and `GET /health`.
public enum DevnetServer {
    /// Builds the application for `node` on `host:port` (port 0 picks a free port);
    /// `onRunning` receives the bound port once the server listens.
    public static func application(
        node: DevnetNode, host: String, port: Int, logLevel: Logger.Level = .warning,
        onRunning: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("health") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.post("rpc") { request, _ in try await respond(node, request) }
        router.post("/") { request, _ in try await respond(node, request) }
        var logger = Logger(label: "devnet")
        logger.logLevel = logLevel
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "ledgerqa-devnet"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// Reads the whole body, but keeps at most the limit: an oversized body is drained so
    /// the keep-alive connection stays usable, and answered with -32600.
    static func respond(_ node: DevnetNode, _ request: Request) async throws -> Response {
        var body: [UInt8] = []
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            if total <= DevnetNode.maxBodyBytes { body.append(contentsOf: chunk.readableBytesView) }
        }
        let answer = total > DevnetNode.maxBodyBytes ? RPCDispatcher.oversized(total) : node.handle(body)
        guard let answer, !answer.isEmpty else { return Response(status: .noContent) }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: answer)))
    }
}

/// A devnet HTTP server running in this process, for embedding in tests and benchmarks.
public final class EmbeddedDevnetServer: Sendable {
    public let node: DevnetNode
    public let port: Int
    public let host: String
    private let task: Task<Void, any Error>
    private let scheduler: Task<Void, Never>

    /// `http://host:port/rpc`
    public var rpcURL: String { "http://\(host):\(port)/rpc" }

    private init(node: DevnetNode, host: String, port: Int, task: Task<Void, any Error>) {
        self.node = node
        self.host = host
        self.port = port
        self.task = task
        self.scheduler = Task { await node.runScheduler() }
    }

    /// Starts serving `node` on `host`, on `port` (0 for an ephemeral one), and returns once it listens.
    public static func start(node: DevnetNode, host: String = "127.0.0.1", port: Int = 0) async throws -> EmbeddedDevnetServer {
        let bound = AsyncStream<Int>.makeStream()
        let app = DevnetServer.application(node: node, host: host, port: port, logLevel: .critical) { port in
            bound.continuation.yield(port)
            bound.continuation.finish()
        }
        let task = Task {
            defer { bound.continuation.finish() }
            try await app.run()
        }
        var iterator = bound.stream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value  // surfaces the reason the server did not start
            throw ServerStartError(host: host, port: port)
        }
        return EmbeddedDevnetServer(node: node, host: host, port: port, task: task)
    }

    /// Stops the server.
    public func stop() async {
        scheduler.cancel()
        task.cancel()
        _ = await task.result
    }
}

/// The server stopped before it listened.
public struct ServerStartError: Error, CustomStringConvertible {
    public let host: String
    public let port: Int
    public var description: String { "the devnet server did not start on \(host):\(port)" }
}
