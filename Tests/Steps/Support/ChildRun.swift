import Fixtures
import Foundation
import Networks
import Testing

/// A journey run in a child process: this test bundle run again with `--filter`, against a
/// standalone devnet process both the child and the test can reach, with its own LEDGERQA_HOME.
/// The child kills itself with SIGKILL when the step named by `LEDGERQA_STEPS_KILL_AT`
/// (`round:step`) starts, as a crash would.
struct ChildWorld {
    let home: URL
    let devnet: WorkerServer
    let adminKey: String

    var rpcURL: String { "http://127.0.0.1:\(devnet.port)/rpc" }

    /// A fresh home and a standalone devnet for `body`, stopped afterwards, also when `body` throws.
    static func with(_ body: (ChildWorld) async throws -> Void) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-steps-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let keyFile = home.appendingPathComponent("admin.key")
        let devnet = try await WorkerServer.start(command: "{bin}/devnet --port {port} --admin-key-file '\(keyFile.path)' --kafka off",
            port: try WorkerServer.freePort(), health: "http://127.0.0.1:{port}/health", logFile: home.appendingPathComponent("devnet.log"))
        var failure: (any Error)?
        do {
            let key = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try await body(ChildWorld(home: home, devnet: devnet, adminKey: key))
        } catch { failure = error }
        await devnet.stop()
        if let failure { throw failure } else { try? FileManager.default.removeItem(at: home) }
    }

    /// Runs the child-mode test in a child process and returns how it ended.
    func runChild(killAt: String? = nil, reset: String? = nil) async throws -> ChildExit {
        var environment = ProcessInfo.processInfo.environment
        environment["LEDGERQA_STEPS_CHILD"] = "1"
        environment["LEDGERQA_STEPS_KILL_AT"] = killAt
        environment["LEDGERQA_RESET"] = reset
        environment["LEDGERQA_HOME"] = home.path
        environment["DEVNET_URL"] = rpcURL
        environment["DEVNET_ADMIN_KEY"] = adminKey
        environment["USE_KAFKA"] = "false"
        let output = home.appendingPathComponent("child-\(UInt32.random(in: 0...UInt32.max)).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = BuildProducts.testBundle
        process.arguments = ["--testing-library", "swift-testing", "--filter", "marketInChild"]
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        let exit: ChildExit = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { p in
                continuation.resume(returning: ChildExit(pid: p.processIdentifier, status: p.terminationStatus,
                    signalled: p.terminationReason == .uncaughtSignal, output: output))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return exit
    }

    /// The run's state file, written by the children.
    func state() throws -> JSON {
        let steps = home.appendingPathComponent("steps")
        let networks = try FileManager.default.contentsOfDirectory(atPath: steps.path)
        let file = steps.appendingPathComponent(try #require(networks.first, "a network folder under \(steps.path)"))
            .appendingPathComponent("\(ChildRun.runName)/state.json")
        return try JSON.parse(Array(try Data(contentsOf: file)))
    }

    /// The step log the child `pid` wrote.
    func log(of pid: Int32) throws -> String {
        let logs = home.appendingPathComponent("logs")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: logs.path).first { $0.hasSuffix("-\(pid)") },
            "the step log of child \(pid) under \(logs.path)")
        return try String(contentsOf: logs.appendingPathComponent(folder).appendingPathComponent("steps.log"), encoding: .utf8)
    }
}

/// How a child ended: its exit status, or the signal that killed it.
struct ChildExit: CustomStringConvertible {
    let pid: Int32
    let status: Int32
    let signalled: Bool
    let output: URL

    /// What the child printed.
    var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    var description: String {
        let tail = text.split(separator: "\n").suffix(15).joined(separator: "\n")
        return "child \(pid) \(signalled ? "killed by signal \(status)" : "exited with status \(status)"); its last output:\n\(tail)"
    }
}

/// What the child-mode test reads from its environment.
enum ChildRun {
    static let runName = "resume-market"
    static var isChild: Bool { ProcessInfo.processInfo.environment["LEDGERQA_STEPS_CHILD"] == "1" }

    /// `steps`, the one named by `LEDGERQA_STEPS_KILL_AT` (`round:step`) killing the process when it starts in that round.
    static func killing(_ steps: [Step]) -> [Step] {
        guard let spec = ProcessInfo.processInfo.environment["LEDGERQA_STEPS_KILL_AT"], let colon = spec.firstIndex(of: ":"),
            let round = Int(spec[..<colon])
        else { return steps }
        let name = String(spec[spec.index(after: colon)...])
        return steps.map { step in
            guard step.name == name else { return step }
            return Step(step.name, step.description, worker: step.worker, skipIf: step.skipRule,
                prepare: { runner, worker in
                    if runner.round == round { kill(getpid(), SIGKILL) }
                    return try await step.prepare(runner, worker)
                }, execute: step.execute)
        }
    }
}
