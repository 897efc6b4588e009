import Dispatch
import Foundation
import Networks
import Synchronization

/// `./ledgerqa load --shards N`: a distributed run on this machine. It starts a standalone
/// devnet with its embedded Kafka (unless `DEVNET_URL` names a network), then N shard
/// processes of the Load suite (`LOAD_SHARD=i/N`, one `LOAD_RUN_ID`), their output prefixed
/// with `[shard i]`, forwards Ctrl-C to them, and merges their reports once they ended.
public struct LocalShardRun: Sendable {
    public let shards: Int
    /// The test bundle that runs the Load suite (`LedgerQAPackageTests.xctest`).
    public let bundle: URL
    /// Arguments for the bundle after `--testing-library swift-testing`; default `--filter '^Load\.'`.
    public let testArguments: [String]
    public let home: URL

    public init(shards: Int, bundle: URL, testArguments: [String], home: URL) {
        self.shards = shards
        self.bundle = bundle
        self.testArguments = testArguments.isEmpty ? ["--filter", "^Load\\."] : testArguments
        self.home = home
    }

    /// Runs the shards and the merge; returns the exit status: 0 when every shard passed,
    /// every shard reported and every merged threshold passed.
    public func run() async throws -> Int32 {
        var environment = ProcessInfo.processInfo.environment
        for key in ["LOAD_SHARD", "LOAD_SHARDS", "JOB_COMPLETION_INDEX"] { environment[key] = nil }
        let runID = environment["LOAD_RUN_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? "local-\(RunIdentity.processRunID)"
        environment["LOAD_RUN_ID"] = runID
        environment["LEDGERQA_HOME"] = home.path
        var devnet: WorkerServer?
        let settings = try await LedgerQAEnvironment.current()
        guard settings.useKafka else { throw LocalShardError("USE_KAFKA=false: the shards of a run meet and report on Kafka; unset it") }
        let url: String
        if let given = settings.devnetURL {
            url = given
        } else {
            let folder = home.appendingPathComponent("shards/\(runID)", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // The embedded devnet's genesis (Network.embeddedGenesis): redemptions default within a short run.
            let genesis = folder.appendingPathComponent("genesis.json")
            try Data(#"{"asset": {"redemption_payment_window": 15}}"#.utf8).write(to: genesis)
            let keyFile = folder.appendingPathComponent("admin.key")
            let server = try await WorkerServer.start(
                command: "{bin}/devnet --port {port} --kafka embedded --genesis '\(genesis.path)' --admin-key-file '\(keyFile.path)'",
                port: try WorkerServer.freePort(), health: "http://127.0.0.1:{port}/health", logFile: folder.appendingPathComponent("devnet.log"))
            devnet = server
            url = "http://127.0.0.1:\(server.port)/rpc"
            environment["DEVNET_URL"] = url
            environment["DEVNET_ADMIN_KEY"] = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        defer { if let devnet { Task { await devnet.stop() } } }
        let info = try await NativeChain(rpc: RPCClient(transport: CurlTransport(url: url, timeout: .seconds(30)))).info()
        guard let brokers = settings.kafkaBrokers ?? info.kafka else {
            throw LocalShardError("the network at \(url) reports no Kafka (devnet_info.kafka) and KAFKA_BROKERS is unset")
        }
        say("run \(runID): \(shards) shard(s) of the Load suite against \(url), Kafka \(brokers)\(devnet == nil ? "" : " (a standalone devnet started for it)")")
        let children = try (0..<shards).map { i in
            var env = environment
            env["LOAD_SHARD"] = "\(i)/\(shards)"
            return try PrefixedChild(bundle, ["--testing-library", "swift-testing"] + testArguments, environment: env, prefix: "[shard \(i)] ")
        }
        let forwarding = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { for child in children { kill(child.pid, number) } }
            source.resume()
            return source
        }
        var statuses: [Int32] = []
        for child in children { statuses.append(await child.exit()) }
        for source in forwarding { source.cancel() }
        for (i, status) in statuses.enumerated() { say("shard \(i) exited with status \(status)") }
        var passed = statuses.allSatisfy { $0 == 0 }
        do {
            let merged = try await RunMerge.run(runID: runID, brokers: brokers, shards: shards, home: home)
            for m in merged {
                print(m.text, terminator: "")
                passed = passed && m.passed
            }
        } catch {
            say("merge: \(error)")
            passed = false
        }
        if let devnet { await devnet.stop() }
        return passed ? 0 : 1
    }

    func say(_ line: String) { FileHandle.standardError.write(Data(("ledgerqa: " + line + "\n").utf8)) }
}

/// A child whose output lines go to this process's standard output with a prefix.
final class PrefixedChild: Sendable {
    let process: Process
    private let ended = ExitBox()

    /// The exit status once known, and who waits for it.
    final class ExitBox: Sendable {
        let state = Mutex<(status: Int32?, waiting: [CheckedContinuation<Int32, Never>])>((nil, []))
    }

    init(_ executable: URL, _ arguments: [String], environment: [String: String], prefix: String) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let pending = Mutex([UInt8]())
        @Sendable func emit(_ data: Data, flush: Bool) {
            let lines = pending.withLock { buffer -> [String] in
                buffer += data
                var out: [String] = []
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    out.append(String(decoding: buffer[..<newline], as: UTF8.self))
                    buffer.removeSubrange(...newline)
                }
                if flush, !buffer.isEmpty {
                    out.append(String(decoding: buffer, as: UTF8.self))
                    buffer = []
                }
                return out
            }
            guard !lines.isEmpty else { return }
            FileHandle.standardOutput.write(Data(lines.map { prefix + $0 + "\n" }.joined().utf8))
        }
        let reader = pipe.fileHandleForReading
        reader.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { emit(data, flush: false) }
        }
        process.terminationHandler = { [ended] finished in
            reader.readabilityHandler = nil
            emit((try? reader.readToEnd()) ?? Data(), flush: true)
            let status = finished.terminationReason == .uncaughtSignal ? 128 + finished.terminationStatus : finished.terminationStatus
            let waiting = ended.state.withLock { e in
                e.status = status
                defer { e.waiting = [] }
                return e.waiting
            }
            for c in waiting { c.resume(returning: status) }
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Its exit status (128 + the signal when a signal ended it), once it ended.
    func exit() async -> Int32 {
        await withCheckedContinuation { c in
            let status = ended.state.withLock { e -> Int32? in
                if let s = e.status { return s }
                e.waiting.append(c)
                return nil
            }
            if let status { c.resume(returning: status) }
        }
    }
}

/// A local sharded run cannot start.
public struct LocalShardError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
