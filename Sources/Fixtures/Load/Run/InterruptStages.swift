import Dispatch
import Foundation
import Synchronization

/// Ctrl-C for load runs, in stages (the L2 stress tester's model), for every load case
/// running in this process:
///
/// 1. first SIGINT or SIGTERM: no new actions; each user finishes the action it is in (its
///    checks included); collection returns every user's funds; the case ends "interrupted";
/// 2. second: prints which users are busy, in which action and phase, and stops waiting
///    (no new waits for bots or timelocks); collection takes what it can at once;
/// 3. third: exits at once (status 130); the keystore holds every key and record, so
///    `./ledgerqa recover` returns what was left.
///
/// The handlers are installed while at least one load case runs, and the signals' default
/// actions come back when the last one ends.
final class InterruptStages: Sendable {
    static let shared = InterruptStages()

    struct Registration {
        let control: RunControl
        let label: String
        let users: [LoadUser]
    }

    struct State {
        var active: [Int: Registration] = [:]
        var next = 0
        var signals = 0
        var sources: [any DispatchSourceSignal] = []
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "ledgerqa.interrupts")

    /// Adds a running case; installs the handlers if it is the first. A case that registers
    /// after a Ctrl-C is stopped at once.
    func register(_ control: RunControl, label: String, users: [LoadUser]) -> Int {
        state.withLock { s in
            if s.active.isEmpty { s.sources = install() }
            s.next += 1
            s.active[s.next] = Registration(control: control, label: label, users: users)
            if s.signals > 0 { control.interrupt(signals: s.signals) }
            if s.signals > 1 { control.abandonWaits() }
            return s.next
        }
    }

    /// Removes a case; the last one out restores the signals' default actions.
    func unregister(_ id: Int) {
        state.withLock { s in
            s.active[id] = nil
            guard s.active.isEmpty else { return }
            for source in s.sources { source.cancel() }
            s.sources = []
            s.signals = 0
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
    }

    private func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.received(number) }
            source.resume()
            return source
        }
    }

    private func received(_ number: Int32) {
        let (count, cases) = state.withLock { s in
            s.signals += 1
            return (s.signals, Array(s.active.values))
        }
        let name = number == SIGTERM ? "SIGTERM" : "SIGINT"
        switch count {
        case 1:
            for c in cases { c.control.interrupt(signals: 1) }
            Self.say("\(name): stopping \(cases.count) load case(s): no new actions; each user finishes the one it is in, "
                + "then every user's funds go back to the funder. Press Ctrl-C again to stop waiting, a third time to exit at once.")
        case 2:
            for c in cases {
                c.control.interrupt(signals: 2)
                c.control.abandonWaits()
            }
            var lines = ["\(name) again: no more waits for bots or timelocks; collecting what can be collected at once. Busy users:"]
            for c in cases.sorted(by: { $0.label < $1.label }) {
                for user in c.users.flatMap({ [$0] + ($0.partner.map { [$0] } ?? []) }) {
                    let now = user.activity.current
                    guard let action = now.action else { continue }
                    let seconds = (ContinuousClock.now - now.since).seconds.rounded(to: 1)
                    lines.append("  [\(c.label)] \(user.record.label): \(action), phase \(now.phase ?? "-") for \(seconds) s")
                }
            }
            if lines.count == 1 { lines.append("  none") }
            Self.say(lines.joined(separator: "\n"))
        default:
            Self.say("\(name) a third time: exiting now. Every key and record is in the keystore; "
                + "`./ledgerqa recover` returns the funds left behind.")
            fflush(nil)
            _exit(130)
        }
    }

    static func say(_ text: String) {
        FileHandle.standardError.write(Data(("ledgerqa: " + text + "\n").utf8))
    }
}
