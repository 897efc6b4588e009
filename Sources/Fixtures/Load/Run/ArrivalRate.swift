import Foundation

/// An open-model schedule (k6's `constant-arrival-rate` and `ramping-arrival-rate`, Gatling's
/// `injectOpen`): actions start at a rate, whether or not earlier ones ended, so latency is
/// measured without coordinated omission. `LOAD_RATE=40/s` is a constant rate;
/// `LOAD_STAGES=30s:10/s,2m:50/s,30s:0/s` ramps linearly from the previous rate (the start
/// rate: `LOAD_RATE`, else 0) to each stage's target over the stage's duration.
public struct ArrivalRate: Sendable, Hashable, CustomStringConvertible {
    /// One ramp: over `duration`, the rate moves linearly to `target` (per second).
    public struct Stage: Sendable, Hashable {
        public var duration: Duration
        public var target: Double
    }

    /// Actions per second at the start (the constant rate when there are no stages).
    public var startRate: Double
    public var stages: [Stage]

    public init(startRate: Double, stages: [Stage] = []) {
        self.startRate = startRate
        self.stages = stages
    }

    /// The stages' total length; nil for a constant rate (the run's duration applies).
    public var stagesDuration: Duration? {
        stages.isEmpty ? nil : stages.reduce(Duration.zero) { $0 + $1.duration }
    }

    public var description: String {
        let start = "\(startRate.rounded(to: 3))/s"
        guard !stages.isEmpty else { return "constant arrival rate \(start)" }
        return "ramping arrival rate from \(start): " + stages.map { "\($0.duration.seconds.rounded(to: 3))s:\($0.target.rounded(to: 3))/s" }
            .joined(separator: ",")
    }

    /// This schedule for one of `shards` processes: every rate divided by their number.
    public func split(into shards: Int) -> ArrivalRate {
        let n = Double(max(shards, 1))
        return ArrivalRate(startRate: startRate / n, stages: stages.map { Stage(duration: $0.duration, target: $0.target / n) })
    }

    /// Seconds from the start at which the `k`-th action (from 0) starts: the first time the
    /// integral of the rate reaches `k`. Nil when the schedule ends before it, or `end` passes.
    public func start(of k: Int, end: Double) -> Double? {
        var t = 0.0
        var needed = Double(k)
        var rate = startRate
        let segments = stages.isEmpty ? [(length: end, from: startRate, to: startRate)]
            : stages.map { stage -> (length: Double, from: Double, to: Double) in
                defer { rate = stage.target }
                return (stage.duration.seconds, rate, stage.target)
            }
        for segment in segments {
            let slope = segment.length > 0 ? (segment.to - segment.from) / segment.length : 0
            let count = segment.from * segment.length + slope * segment.length * segment.length / 2
            if needed <= count, count > 0, segment.length > 0 {
                let offset: Double
                if abs(slope) < 1e-12 {
                    offset = segment.from > 0 ? needed / segment.from : 0
                } else {
                    let disc = max(segment.from * segment.from + 2 * slope * needed, 0)
                    offset = (-segment.from + disc.squareRoot()) / slope
                }
                let start = t + min(max(offset, 0), segment.length)
                return start < end ? start : nil
            }
            needed -= count
            t += segment.length
        }
        return nil
    }
}

extension ArrivalRate {
    /// `40/s`, `2400/m`, `10/h` or a plain number per second.
    static func parseRate(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let (number, perSeconds): (Substring, Double) =
            t.hasSuffix("/s") ? (t.dropLast(2), 1) : t.hasSuffix("/m") ? (t.dropLast(2), 60) : t.hasSuffix("/h") ? (t.dropLast(2), 3600)
            : (Substring(t), 1)
        guard let v = Double(number), v.isFinite, v >= 0, v <= 1_000_000 else { return nil }
        return v / perSeconds
    }

    /// `30s`, `2m`, `1h`, `500ms` or plain seconds.
    static func parseDuration(_ text: String) -> Duration? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let (number, unit): (Substring, Double) =
            t.hasSuffix("ms") ? (t.dropLast(2), 0.001) : t.hasSuffix("s") ? (t.dropLast(), 1) : t.hasSuffix("m") ? (t.dropLast(), 60)
            : t.hasSuffix("h") ? (t.dropLast(), 3600) : (Substring(t), 1)
        guard let v = Double(number), v.isFinite, v > 0, v * unit <= 7 * 86_400 else { return nil }
        return .milliseconds(Int64((v * unit * 1000).rounded()))
    }

    /// `30s:10/s,2m:50/s`: each stage's duration and target rate.
    static func parseStages(_ text: String) -> [Stage]? {
        var stages: [Stage] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, let duration = parseDuration(String(pieces[0])), let target = parseRate(String(pieces[1])) else { return nil }
            stages.append(Stage(duration: duration, target: target))
        }
        return stages.isEmpty ? nil : stages
    }
}
