import Devnet
import Foundation
import Networks
import Testing

/// `swift run devnet` as a real child process: a malformed `--faults` or `--plant` stops it
/// with a message naming the part and the grammar; `--strict-spec` serves SPEC only and a
/// SIGINT stops it cleanly.
@Suite("devnet command line", .timeLimit(.minutes(2)))
struct DevnetCommandTests {
    /// The `devnet` executable SwiftPM built next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("devnet")
    }

    /// Runs the devnet with `arguments` until it exits; returns its status and standard error.
    static func exit(_ arguments: [String]) async throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let err = await withCheckedContinuation { continuation in
            Thread {
                let data = stderr.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }.start()
        }
        return (process.terminationStatus, err)
    }

    @Test("a malformed fault or plant flag stops the devnet with the part and the grammar", arguments: [
        (["--faults", "latency=20"], "faults part \"latency=20\": not a duration"),
        (["--plant", "skip:pool.timelok"], "plant part \"skip:pool.timelok\": unknown refusal rule"),
        (["--plant", "gas:pool.exit:3:+1000", "--plant", "combo:nope"], "plant part \"combo:nope\": unknown combination"),
    ])
    func malformed(arguments: [String], message: String) async throws {
        let (status, stderr) = try await Self.exit(arguments + ["--port", "0", "--kafka", "off"])
        #expect(status != 0)
        #expect(stderr.contains(message) && stderr.contains("expected"), "\(stderr)")
    }

    @Test("--strict-spec serves only SPEC's methods; SIGINT stops the process with status 0")
    func strict() async throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--strict-spec", "--port", "0", "--kafka", "off", "--plant", "skip:pool.timelock"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The banner ends with "Ctrl-C to stop"; a thread keeps the blocking reads off the pool.
        let banner = await withCheckedContinuation { continuation in
            Thread {
                var text = ""
                while !text.contains("Ctrl-C") {
                    let data = stdout.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }.start()
        }
        let lines = banner.split(separator: "\n")
        let url = lines.first { $0.hasPrefix("devnet listening on ") }.map { String($0.dropFirst("devnet listening on ".count)) }
        let planted = lines.contains { $0.contains("PLANTED BUGS: skip:pool.timelock") }
        let rpc = RPCClient(transport: CurlTransport(url: try #require(url), timeout: .seconds(10)))
        let doc = try await rpc.call("rpc.discover")
        #expect(Set(doc["methods"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []) == Spec.methods)
        #expect(doc["x-contracts"]?["devnet"] != nil, "a --plant flag keeps the run-time switch in strict mode")
        #expect(planted, "the banner names the planted bug")
        #expect(try await rpc.call("devnet_info")["faults"]?["plant"] == "skip:pool.timelock")
        kill(process.processIdentifier, SIGINT)
        await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume()
            }.start()
        }
        #expect(process.terminationStatus == 0)
    }
}
