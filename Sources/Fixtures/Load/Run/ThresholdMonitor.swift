/// Evaluates a case's abort-on-fail thresholds on its statistics while it runs, every second
/// after `delay` (k6's `delayAbortEval`), and stops the case when one fails.
struct ThresholdMonitor {
    let thresholds: [Threshold]
    let statistics: RunStatistics
    let control: RunControl
    let label: String
    let delay: Duration

    func run() async {
        let aborting = thresholds.filter(\.abortOnFail)
        guard !aborting.isEmpty else { return }
        await control.sleep(until: statistics.start + delay)
        while !control.isStopping, !Task.isCancelled {
            for threshold in aborting {
                let result = threshold.evaluate(statistics)
                if !result.passed {
                    control.abort(threshold: threshold.expression)
                    InterruptStages.say("[\(label)] threshold \(result); ending the case: no new actions, then collection")
                    return
                }
            }
            await control.sleep(until: .now + .seconds(1))
        }
    }
}

extension RunStatistics: ThresholdFigures {
    public func counts(_ action: ActionName?) -> ActionCounts {
        action.map { counts[$0] ?? ActionCounts() } ?? total
    }

    public func latency(_ action: ActionName?) -> LatencyHistogram {
        let all = latencies
        if let action { return all[action] ?? LatencyHistogram() }
        return all.values.reduce(into: LatencyHistogram()) { $0.merge($1) }
    }

    public func rate(_ action: ActionName?) -> Double {
        Double(counts(action).finished) / max((ContinuousClock.now - start).seconds, 0.001)
    }

    public var droppedCount: Int { snapshotDropped }
    public var invariantViolationCount: Int { 0 }
}
