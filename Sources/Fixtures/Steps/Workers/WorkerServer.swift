public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A worker's server (seed 001's per-worker server): a shell command with `{port}` and `{bin}`
/// replaced, started in a process of its own, awaited on its health URL (bounded), and stopped
/// with SIGTERM, then SIGKILL after a grace period. Its output goes to a log file.
public final class WorkerServer: Sendable {
    public let command: String
    public let port: Int
    public let healthURL: String
    public let logFile: URL
    private let process: Mutex<Process>
    private let exit = ExitWatch()

    /// The process id of the server (its shell `exec`s the command, so the id is the server's).
    public var processIdentifier: Int32 { process.withLock { $0.processIdentifier } }

    /// Starts `command` (run as `/bin/sh -c 'exec …'`, with `{port}` and `{bin}` replaced) and
    /// returns once `health` answers 200, or throws after `timeout` naming the URL and the output.
    public static func start(
        command template: String, port: Int, health: String, environment: [String: String] = [:], logFile: URL,
        timeout: Duration = .seconds(30)
    ) async throws -> WorkerServer {
        let server = try WorkerServer(command: expand(template, port: port), port: port, healthURL: expand(health, port: port),
            environment: environment, logFile: logFile)
        do {
            try await server.waitUntilHealthy(timeout: timeout)
        } catch {
            await server.stop()
            throw error
        }
        return server
    }

    private init(command: String, port: Int, healthURL: String, environment: [String: String], logFile: URL) throws {
        self.command = command
        self.port = port
        self.healthURL = healthURL
        self.logFile = logFile
        try FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: logFile)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec " + command]
        p.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["PORT": String(port)]) { $1 }) { $1 }
        p.standardOutput = output
        p.standardError = output
        p.standardInput = FileHandle.nullDevice
        process = Mutex(p)
        let exit = self.exit
        p.terminationHandler = { finished in exit.exited(status: finished.terminationStatus) }
        do { try p.run() } catch { throw WorkerServerError.cannotStart(command: command, reason: "\(error)") }
    }

    /// `{port}` and `{bin}` (the folder of this build's executables, see `BuildProducts`) replaced.
    public static func expand(_ template: String, port: Int) -> String {
        template.replacingOccurrences(of: "{port}", with: String(port)).replacingOccurrences(of: "{bin}", with: BuildProducts.directory.path)
    }

    private func waitUntilHealthy(timeout: Duration) async throws {
        guard let url = URL(string: healthURL) else { throw WorkerServerError.badHealthURL(healthURL) }
        let retry = Retry(timeout: timeout, interval: .milliseconds(50), backoff: 1.5, maxInterval: .milliseconds(500))
        let state: Health
        do {
            state = try await retry.run("\(healthURL) to answer 200", attempt: { [self] in
                if let status = exit.status { return Health.exited(status) }
                let (_, response) = try await URLSession.shared.data(from: url)
                return (response as? HTTPURLResponse)?.statusCode == 200 ? Health.up : Health.down
            }, until: { $0 != .down })
        } catch let timeout as WaitTimeout {
            throw WorkerServerError.unhealthy(command: command, wait: timeout.description, output: outputTail())
        }
        if case .exited(let status) = state {
            throw WorkerServerError.exited(command: command, status: status, output: outputTail())
        }
    }

    private enum Health: Equatable { case up, down, exited(Int32) }

    /// The last lines the server wrote, for error messages.
    public func outputTail(lines: Int = 10) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// SIGTERM, then SIGKILL when the server has not exited after `grace`; returns once it exited.
    public func stop(grace: Duration = .seconds(5)) async {
        let pid = processIdentifier
        guard exit.status == nil else { return }
        kill(pid, SIGTERM)
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.exit.wait()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            if await group.next() == false { kill(pid, SIGKILL) }
            group.cancelAll()
        }
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick for port 0).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WorkerServerError.noFreePort(errno) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw WorkerServerError.noFreePort(errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A worker server that could not be started or did not come up.
public enum WorkerServerError: Error, Sendable, CustomStringConvertible {
    case cannotStart(command: String, reason: String)
    case exited(command: String, status: Int32, output: String)
    case unhealthy(command: String, wait: String, output: String)
    case badHealthURL(String)
    case noFreePort(Int32)

    public var description: String {
        switch self {
        case .cannotStart(let command, let reason): "cannot start `\(command)`: \(reason)"
        case .exited(let command, let status, let output):
            "`\(command)` exited with status \(status) before its health URL answered; its last output:\n\(output)"
        case .unhealthy(let command, let wait, let output): "`\(command)` did not come up: \(wait); its last output:\n\(output)"
        case .badHealthURL(let url): "\"\(url)\" is not a URL; a worker's health is e.g. http://127.0.0.1:{port}/health"
        case .noFreePort(let code): "no free TCP port on 127.0.0.1 (errno \(code))"
        }
    }
}
