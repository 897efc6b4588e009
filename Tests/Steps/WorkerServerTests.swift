import Fixtures
import Foundation
import Networks
import Testing

/// Worker servers: started from their command on `base_port` (or a free port), awaited on their
/// health URL, reachable by the steps, and stopped after the test, also when it fails.
@Suite("Steps: worker servers")
struct WorkerServerTests {
    static func journey(basePort: Int, watcher: String) throws -> TempJourney {
        try TempJourney([
            "config.json": #"{"rounds": 1, "base_port": \#(basePort)}"#,
            "workers.json": #"{"watcher": \#(watcher), "caller": {"funds": {"nat": "1 NAT"}}}"#,
        ])
    }

    static let devnetWatcher = #"{"server": "{bin}/devnet --port {port} --kafka off", "devnet_url": "http://127.0.0.1:{port}/rpc", "funds": {"nat": "5 NAT"}}"#

    /// The process is gone (reaped), so the pid names nothing.
    static func isGone(_ pid: Int32) -> Bool { kill(pid, 0) == -1 && errno == ESRCH }

    @Test("a worker's server runs on base_port, serves the worker's own devnet_url to the steps, and stops after the test",
        .timeLimit(.minutes(5)))
    func serverLifecycle() async throws {
        let port = try WorkerServer.freePort()
        let journey = try Self.journey(basePort: port, watcher: Self.devnetWatcher)
        defer { journey.remove() }
        let pid = PidBox()
        try await journey.provide {
            let runner = try StepRunner.current
            let watcher = try runner.worker("watcher")
            #expect(watcher.port == port, "the first worker with a server gets base_port")
            #expect(try watcher.get("url") == .string("http://127.0.0.1:\(port)"))
            await pid.set(try #require(watcher.server?.processIdentifier))
            try await runner.run([
                Step("own_network", "the watcher acts on the devnet its server runs", worker: "watcher", execute: { runner, worker, _ throws in
                    #expect(worker.connection.info.genesisHash != runner.connection.info.genesisHash, "its own chain, not the run's")
                    #expect(try await worker.account().balance() == 5 * Units.nat, "funded there by that network's faucet")
                }),
                Step("call_watcher", "the caller reads the watcher's server through its URL", worker: "caller", execute: { runner, _, _ in
                    let url = try #require(try runner.worker("watcher").get("devnet_url").stringValue)
                    let info = try await NativeChain(rpc: RPCClient(transport: CurlTransport(url: url))).info()
                    #expect(info.genesisHash == (try runner.worker("watcher").connection.info.genesisHash))
                }),
            ])
        }
        let server = try #require(await pid.value)
        #expect(Self.isGone(server), "the server \(server) was stopped when the test ended")
    }

    @Test("a test that fails still stops its workers' servers", .timeLimit(.minutes(5)))
    func stoppedOnFailure() async throws {
        let journey = try Self.journey(basePort: try WorkerServer.freePort(), watcher: Self.devnetWatcher)
        defer { journey.remove() }
        let pid = PidBox()
        struct Deliberate: Error, Equatable {}
        await #expect(throws: Deliberate()) {
            try await journey.provide {
                await pid.set(try #require(try StepRunner.current.worker("watcher").server?.processIdentifier))
                throw Deliberate()
            }
        }
        let server = try #require(await pid.value)
        #expect(Self.isGone(server), "the server \(server) was stopped after the failure")
    }

    @Test("a server that exits before answering stops the run with its exit status and output", .timeLimit(.minutes(5)))
    func serverExits() async throws {
        let journey = try Self.journey(basePort: try WorkerServer.freePort(),
            watcher: #"{"server": "{bin}/devnet --port {port} --genesis /nonexistent/genesis.json"}"#)
        defer { journey.remove() }
        let error = await #expect(throws: WorkerServerError.self) { try await journey.provide {} }
        let text = String(describing: try #require(error))
        #expect(text.contains("exited with status") && text.contains("cannot read genesis file /nonexistent/genesis.json"), "\(text)")
    }

    @Test("a server that never answers its health URL fails after start_timeout, naming the URL", .timeLimit(.minutes(5)))
    func serverNeverHealthy() async throws {
        let port = try WorkerServer.freePort()
        let journey = try Self.journey(basePort: port,
            watcher: #"{"server": "{bin}/devnet --port {port} --kafka off", "health": "http://127.0.0.1:{port}/no-such-path", "start_timeout": 1}"#)
        defer { journey.remove() }
        let error = await #expect(throws: WorkerServerError.self) { try await journey.provide {} }
        let text = String(describing: try #require(error))
        #expect(text.contains("did not come up") && text.contains("http://127.0.0.1:\(port)/no-such-path to answer 200"), "\(text)")
    }
}

/// A pid handed out of a `@Sendable` test body.
actor PidBox {
    var value: Int32?
    func set(_ pid: Int32) { value = pid }
}
