import Foundation

/// Runs a command-line tool (a Python validator, a script) to its end and returns its exit
/// status and output. The blocking read and wait happen on a thread of their own, never on
/// Swift's cooperative pool: with two cores, two tests blocked there would stall every test.
enum ToolRun {
    static func run(_ executable: URL, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = await withCheckedContinuation { continuation in
            Thread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }.start()
        }
        return (process.terminationStatus, output)
    }

    /// Whether `executable arguments` exits with status 0 (for `.enabled(if:)`, which cannot wait).
    static func succeeds(_ executable: URL, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
