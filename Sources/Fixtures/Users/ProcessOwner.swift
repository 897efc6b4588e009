import Foundation

/// The process that runs an account, identified by more than its PID (PIDs are reused, in
/// containers within seconds): the PID with its start time in clock ticks since boot, the
/// boot id and the host name, read from `/proc`.
public struct ProcessOwner: Codable, Sendable, Hashable, CustomStringConvertible {
    public var pid: Int32
    /// Field 22 of `/proc/<pid>/stat`: when the process started, in ticks since boot.
    public var startTicks: UInt64?
    /// `/proc/sys/kernel/random/boot_id`: changes with every boot.
    public var bootID: String?
    public var host: String

    public init(pid: Int32, startTicks: UInt64?, bootID: String?, host: String) {
        self.pid = pid
        self.startTicks = startTicks
        self.bootID = bootID
        self.host = host
    }

    /// This process.
    public static let current = ProcessOwner(
        pid: getpid(), startTicks: startTicks(of: getpid()), bootID: bootID, host: ProcessInfo.processInfo.hostName)

    static let bootID: String? = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines)

    /// The start time of process `pid`, or nil when there is no such process.
    static func startTicks(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")  // the command name may hold spaces and parentheses
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After "pid (comm)" come state (field 3) … starttime (field 22): index 19 here.
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    /// Whether this owner may still be running. On another host it cannot be told, so it
    /// counts as alive (`ledgerqa recover --all` overrides); after a reboot it is gone; on
    /// this boot it is alive when a process with its PID and its start time exists.
    public var isAlive: Bool {
        guard host == Self.current.host else { return true }
        guard let bootID, let now = Self.bootID, bootID == now else { return bootID == nil && Self.startTicks(of: pid) != nil }
        guard let started = Self.startTicks(of: pid) else { return false }
        return startTicks.map { $0 == started } ?? true
    }

    public var description: String { "pid \(pid) on \(host)" }
}
