import ArgumentParser
import Devnet
import Foundation
import Networks

/// Prints the request rate of LedgerQA's transports next to wrk's on the same endpoint and body.
///
///     swift run -c release transport-bench [--url URL] [--seconds 5]
@main
struct TransportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport-bench",
        abstract: "Request rate of the libcurl and in-process transports, and wrk's, on one JSON-RPC endpoint.")

    @Option(help: "JSON-RPC endpoint to measure; an embedded devnet is started when omitted.")
    var url: String?

    @Option(help: "Seconds per measurement.")
    var seconds: Double = 5

    @Option(help: "Concurrent callers for the libcurl transport, comma-separated.")
    var callers = "1,50,500"

    func run() async throws {
        let callerCounts = callers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !callerCounts.isEmpty, callerCounts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--callers takes positive integers separated by commas, e.g. 1,50,500")
        }
        let node = DevnetNode()
        var server: EmbeddedDevnetServer?
        let endpoint: String
        if let url {
            endpoint = url
        } else {
            let started = try await EmbeddedDevnetServer.start(node: node)
            server = started
            endpoint = started.rpcURL
        }
        let body: JSON = [
            "jsonrpc": "2.0", "id": 1, "method": "nat_getBalance", "params": ["address": .string(node.adminKey.address)],
        ]
        let bytes = body.canonicalBytes
        let duration = Duration.milliseconds(Int64(seconds * 1000))
        say("endpoint \(endpoint), body \(bytes.count) bytes (nat_getBalance), \(seconds) s per figure")

        let curl = CurlTransport(url: endpoint)
        _ = try await measure(curl, bytes, callers: 4, for: .milliseconds(500))  // warm up connections
        var rates: [Int: Double] = [:]
        for n in callerCounts {
            let rate = try await measure(curl, bytes, callers: n, for: duration)
            rates[n] = rate
            say(row("libcurl transport, \(n) callers", rate))
        }
        curl.shutdown()
        let inProcess = try await measure(node.transport, bytes, callers: 50, for: duration)
        say(row("in-process transport, 50 callers", inProcess))

        if let wrk = Wrk.find() {
            let wrkRate = try wrk.run(url: endpoint, body: bytes, connections: 50, seconds: Int(seconds.rounded(.up)))
            say(row("wrk, 50 connections, 2 threads", wrkRate))
            if let curl50 = rates[50] {
                say(String(format: "ratio libcurl(50) / wrk(50) = %.2f   (target >= 0.80, issue 16)", curl50 / wrkRate))
            }
        } else {
            say("wrk not installed: apt-get install -y wrk for the side-by-side figure")
        }
        await server?.stop()
    }

    /// Runs `callers` tasks that send `bytes` back to back until `duration` ends; returns requests/s.
    func measure(_ transport: any Transport, _ bytes: [UInt8], callers: Int, for duration: Duration) async throws -> Double {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        let start = clock.now
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    var count = 0
                    while clock.now < deadline {
                        _ = try await transport.roundTrip(bytes)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = clock.now - start
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    func row(_ label: String, _ rate: Double) -> String {
        label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%10.0f req/s", rate)
    }
}

/// The `wrk` load generator, when installed.
struct Wrk {
    let path: String

    static func find() -> Wrk? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(dir)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Wrk(path: candidate) }
        }
        return nil
    }

    /// Runs wrk with a POST script for `body` and returns its "Requests/sec".
    func run(url: String, body: [UInt8], connections: Int, seconds: Int) throws -> Double {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerqa-wrk-\(getpid()).lua")
        let escaped = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        let lua = "wrk.method = \"POST\"\nwrk.body = \"\(escaped)\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
        try lua.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "-s", script.path, url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
        else { throw ValidationError("could not read wrk's output:\n\(output)") }
        return rate
    }
}

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
