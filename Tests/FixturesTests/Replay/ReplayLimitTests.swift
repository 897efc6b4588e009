@testable import Fixtures
import Foundation
import Testing

/// `LOAD_REPLAY_LIMIT`: the recorder keeps the first steps and only counts the rest, so a long
/// run's recording cannot grow without bound (docs/replay-and-shrink.md).
@Suite("Replay recording limit")
struct ReplayLimitTests {
    static func step(_ n: Int) -> ReplayStep {
        ReplayStep(user: n % 3, action: .mintRandomAgentRandomAmount, draws: [], start: Double(n), end: Double(n) + 0.5, outcome: "success")
    }

    @Test("the first `limit` steps are kept, in start order, and the later ones counted", arguments: [0, 1, 2, 7, 10])
    func keepsFirstSteps(limit: Int) {
        let recorder = ReplayRecorder(start: .now, limit: limit)
        for n in 0..<7 { recorder.record(Self.step(n)) }
        #expect(recorder.ordered.map(\.start) == (0..<min(limit, 7)).map(Double.init))
        #expect(recorder.omitted == max(0, 7 - limit))
    }

    @Test("steps recorded from many tasks at once are each kept or counted, never both or neither")
    func concurrentRecording() async {
        let recorder = ReplayRecorder(start: .now, limit: 150)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask { for n in 0..<50 { recorder.record(Self.step(task * 50 + n)) } }
            }
        }
        #expect(recorder.ordered.count == 150)
        #expect(recorder.omitted == 250)
    }
}
