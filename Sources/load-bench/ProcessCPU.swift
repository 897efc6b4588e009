import Foundation

/// CPU time of a process from `/proc/<pid>/stat` (user + system, every thread), and the
/// process that listens on a TCP port (from `/proc/net/tcp*` and `/proc/<pid>/fd`).
enum ProcessCPU {
    /// Clock ticks per second (`sysconf(_SC_CLK_TCK)`, 100 on Linux).
    static let ticksPerSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))

    /// Milliseconds of CPU `pid` has used (`self` for this process), or nil when it is gone.
    static func milliseconds(pid: String = "self") -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm)": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / ticksPerSecond * 1000
    }

    /// The PID of the process listening on `port` on this machine, if this user can see it.
    static func listener(port: Int) -> Int32? {
        var inodes: Set<String> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: " ", omittingEmptySubsequences: true)
                // local_address is "HEX_IP:HEX_PORT"; state 0A is LISTEN; the inode is field 10.
                guard f.count > 9, f[3] == "0A", let colon = f[1].lastIndex(of: ":"),
                    Int(f[1][f[1].index(after: colon)...], radix: 16) == port
                else { continue }
                inodes.insert(String(f[9]))
            }
        }
        guard !inodes.isEmpty, let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for pid in pids where Int32(pid) != nil {
            let fdDirectory = "/proc/\(pid)/fd"
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? [] {
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(fd)"),
                    target.hasPrefix("socket:[")
                else { continue }
                if inodes.contains(String(target.dropFirst(8).dropLast())) { return Int32(pid) }
            }
        }
        return nil
    }
}
