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
        let router = Router(context: DevnetRequestContext.self)
        router.get("health") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.post("rpc") { request, context in try await respond(node, request, context) }
        // `POST /` is a devnet convenience; strict mode serves only SPEC's `POST /rpc`.
        if !node.options.strictSpec {
            router.post("/") { request, context in try await respond(node, request, context) }
        }
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
    /// the keep-alive connection stays usable, and answered with -32600. With faults on, the
    /// answer may be delayed, replaced by a 502/503 or a closed connection without executing,
    /// or lost after the request included a transaction (`HTTPFaults`).
    static func respond(_ node: DevnetNode, _ request: Request, _ context: DevnetRequestContext) async throws -> Response {
        var body: [UInt8] = []
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            if total <= DevnetNode.maxBodyBytes { body.append(contentsOf: chunk.readableBytesView) }
        }
        let decision = node.faultInjector.decide()
        if decision.delay > .zero { try await Task.sleep(for: decision.delay) }
        switch decision.before {
        case .status(let status): return Response(status: .init(code: status))
        case .close: return try await closeConnection(context)
        case .execute: break
        }
        let (answer, included) = total > DevnetNode.maxBodyBytes ? (RPCDispatcher.oversized(total), false) : node.handleReportingInclusion(body)
        if included, let drop = decision.dropIfIncluded {
            node.faultInjector.recordDrop()
            switch drop {
            case .closeConnection: return try await closeConnection(context)
            case .emptyServerError: return Response(status: .internalServerError)
            }
        }
        guard let answer, !answer.isEmpty else { return Response(status: .noContent) }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: answer)))
    }

    /// Closes the request's connection without an answer: the client sees an empty reply.
    static func closeConnection(_ context: DevnetRequestContext) async throws -> Response {
        try? await context.channel.close()
        throw ConnectionClosedByFault()
    }
}

/// The request context of the devnet's routes: Hummingbird's basic context plus the channel,
/// so the fault switch can close a connection.
struct DevnetRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Thrown after the fault switch closed a connection, so nothing more is written to it.
struct ConnectionClosedByFault: Error {}

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
