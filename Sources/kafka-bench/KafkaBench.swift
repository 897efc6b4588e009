import ArgumentParser
import Devnet
import Foundation
import Histogram
import Networks

/// Prints the latency from `publish` to the consumer's poll thread, and the throughput, of
/// the Kafka layer on the embedded cluster.
///
///     swift run -c release --scratch-path .build-release kafka-bench [--events 5000] [--rate 2000]
@main
struct KafkaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-bench",
        abstract: "Publish-to-consumer latency percentiles and throughput on the embedded Kafka cluster.")

    @Option(help: "Events to publish (one publish call each).")
    var events = 5000

    @Option(help: "Events per second; as fast as possible when omitted.")
    var rate: Double?

    @Option(help: "Keys (resources) the events are spread over.")
    var resources = 100

    @Option(help: "Partitions per topic of the embedded cluster.")
    var partitions = 3

    @Option(help: "The consumer's fetch.wait.max.ms: the mock broker holds an empty fetch this long, even when data arrives.")
    var fetchWaitMs = 10

    func validate() throws {
        guard events > 0, resources > 0, partitions > 0, fetchWaitMs >= 0 else {
            throw ValidationError("--events, --resources and --partitions take positive integers, --fetch-wait-ms a non-negative one")
        }
        if let rate, !(rate > 0) { throw ValidationError("--rate takes a positive number of events per second") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        let cluster = try EmbeddedKafkaCluster(partitionsPerTopic: partitions)
        let t1 = clock.now
        let consumer = try KafkaEventConsumer(
            bootstrapServers: cluster.bootstrapServers, config: ["fetch.wait.max.ms": "\(fetchWaitMs)"])
        let t2 = clock.now
        let producer = try KafkaEventProducer(bootstrapServers: cluster.bootstrapServers)
        let t3 = clock.now
        defer {
            consumer.close()
            producer.close()
            cluster.shutdown()  // also keeps the cluster alive until here in optimized builds
        }
        print("embedded cluster \(cluster.bootstrapServers): started in \(ms(t1 - t0)) ms,"
            + " consumer ready in \(ms(t2 - t1)) ms, producer ready in \(ms(t3 - t2)) ms")

        // One event end to end first, so connections are up before measuring.
        producer.publish([event(0)])
        _ = try await consumer.first(where: { $0.seq == 0 }, timeout: .seconds(30), waitingFor: "the warm-up event")
        print("first event end to end: \(ms(clock.now - t3)) ms")

        var sent = [ContinuousClock.Instant](repeating: t0, count: events + 1)
        let start = clock.now
        for seq in 1...events {
            if let rate {
                let due = start + .seconds(Double(seq - 1) / rate)
                if due > clock.now { try await Task.sleep(until: due, clock: clock) }
            }
            sent[seq] = clock.now
            producer.publish([event(Int64(seq))])
        }
        let published = clock.now
        let records = try await consumer.received(atLeast: events + 1, timeout: .seconds(120))
        let last = records.map(\.receivedAt).max() ?? published
        _ = await producer.flush(timeout: .seconds(10))

        var latencies = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)
        for record in records where record.event.seq > 0 {
            let micros = (record.receivedAt - sent[Int(record.event.seq)]) / .microseconds(1)
            _ = latencies.record(UInt64(max(micros, 0)))
        }
        let stats = producer.stats
        let seconds = (last - start) / .seconds(1)
        let pace = rate.map { "\(Int($0)) events/s" } ?? "as fast as possible"
        print("\(events) events, \(resources) keys, \(partitions) partitions per topic, published \(pace), fetch.wait.max.ms \(fetchWaitMs)")
        print(String(format: "publish: %.0f events/s", Double(events) / ((published - start) / .seconds(1))))
        print(String(format: "throughput (first publish to last receipt): %.0f events/s", Double(events) / seconds))
        print(
            "publish -> consumer latency ms: p50 \(pct(latencies, 50)) p90 \(pct(latencies, 90))"
                + " p99 \(pct(latencies, 99)) max \(String(format: "%.3f", Double(latencies.max) / 1000))")
        print("producer: \(stats.delivered) delivered, \(stats.failed) failed; consumer: \(consumer.stats.received) received,"
            + " \(consumer.stats.duplicatesDropped) duplicates dropped, \(consumer.stats.errors) errors")
    }

    private func event(_ seq: Int64) -> Event {
        Event(
            seq: seq, type: seq % 10 == 9 ? "UnderlyingPayment" : "Transfer", timestamp: 1_700_000_000 + seq,
            resource: "account-\(seq % Int64(resources))",
            data: ["from": .string("account-\(seq % Int64(resources))"), "to": "account-0", "amount": .string("\(seq * 1000)")])
    }

    private func ms(_ d: Duration) -> String { String(format: "%.1f", d / .milliseconds(1)) }

    private func pct(_ h: Histogram<UInt64>, _ p: Double) -> String {
        String(format: "%.3f", Double(h.valueAtPercentile(p)) / 1000)
    }
}
