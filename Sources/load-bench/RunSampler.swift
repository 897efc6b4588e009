import Foundation
import Synchronization

/// Samples, every few milliseconds while a load case runs, this process's and the devnet's
/// CPU time and the requests sent, so the figures cover exactly the time users acted
/// (not provisioning, invariants or collection).
final class RunSampler: Sendable {
    struct Sample: Sendable {
        let at: Date
        let harnessMS: Double
        let devnetMS: Double?
        let requests: Int
        let transactions: Int
    }

    let counter: CountingTransport
    let devnetPID: Int32?
    private let samples = Mutex<[Sample]>([])

    init(counter: CountingTransport, devnetPID: Int32?) {
        self.counter = counter
        self.devnetPID = devnetPID
    }

    func sample() -> Sample {
        Sample(at: Date(), harnessMS: ProcessCPU.milliseconds() ?? 0, devnetMS: devnetPID.flatMap { ProcessCPU.milliseconds(pid: String($0)) },
            requests: counter.count, transactions: counter.transactionCount)
    }

    /// Samples every 100 ms until cancelled (reading /proc costs this process CPU too).
    func run() async {
        while !Task.isCancelled {
            let s = sample()
            samples.withLock { $0.append(s) }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The change of each figure between two instants (the nearest samples).
    func delta(from start: Date, to end: Date) -> (harnessMS: Double, devnetMS: Double?, requests: Int, transactions: Int) {
        let all = samples.withLock { $0 }
        func nearest(_ date: Date) -> Sample? { all.min { abs($0.at.timeIntervalSince(date)) < abs($1.at.timeIntervalSince(date)) } }
        guard let a = nearest(start), let b = nearest(end) else { return (0, nil, 0, 0) }
        let devnet = a.devnetMS.flatMap { x in b.devnetMS.map { $0 - x } }
        return (b.harnessMS - a.harnessMS, devnet, b.requests - a.requests, b.transactions - a.transactions)
    }
}
