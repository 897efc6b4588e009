import Devnet
import Foundation
import Networks
import Testing

/// An independent Kafka client, `kcat`, reads what the producer wrote to the embedded
/// cluster: the mock brokers behave as a real cluster on the wire.
@Suite("Kafka seen by kcat")
struct KafkaKcatTests {
    static let kcat = "/usr/bin/kcat"

    @Test(
        "kcat reads the published events with their keys from the embedded cluster",
        .enabled(if: FileManager.default.isExecutableFile(atPath: kcat), "needs /usr/bin/kcat (apt-get install kcat)"))
    func kcatReadsEvents() async throws {
        let cluster = try await EmbeddedKafkaCluster.start()
        let producer = try await KafkaEventProducer.connect(bootstrapServers: cluster.bootstrapServers)
        defer { producer.close(); cluster.shutdown() }
        let events = KafkaSamples.events(1..<13, types: ["Transfer", "KeyPriceUpdated"])
        producer.publish(events)
        #expect(await producer.flush(timeout: .seconds(10)))

        // coreutils' timeout ends kcat if it hangs, so the test needs no watchdog of its own.
        let output = try await Self.run(
            "/usr/bin/timeout",
            ["30", Self.kcat, "-b", cluster.bootstrapServers, "-C", "-t", DevnetTopic.native, "-o", "beginning", "-e", "-J", "-c", "\(events.count)"])
        let messages = try output.split(separator: "\n").map { line in try JSON.parse(String(line)) }
        let seen = messages.compactMap { m -> (key: String, event: Event)? in
            guard let key = m["key"]?.stringValue, let payload = m["payload"]?.stringValue,
                let value = try? JSON.parse(payload), let event = Event(json: value)
            else { return nil }
            return (key, event)
        }

        #expect(seen.count == events.count, "kcat printed:\n\(output)")
        #expect(Set(seen.map(\.event)) == Set(events))
        #expect(seen.allSatisfy { $0.key == $0.event.resource })
    }

    /// Runs `executable` and returns its standard output; fails on a non-zero exit (124: timed out).
    static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Reading to the end returns when kcat exits; a thread keeps the blocking read off the pool.
        let (out, err) = await withCheckedContinuation { continuation in
            Thread {
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                let err = stderr.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (out, err))
            }.start()
        }
        guard process.terminationStatus == 0 else {
            struct KcatFailed: Error, CustomStringConvertible { let description: String }
            throw KcatFailed(
                description: "\(executable) exited with \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self)
    }
}
