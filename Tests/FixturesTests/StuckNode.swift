@testable import Fixtures
import Foundation
import Networks
import Synchronization

/// An in-process node for the waits' own tests: it answers the few methods schedule control
/// uses from a script, and can be told never to run a job or never to answer at all, as a
/// broken node would.
final class StuckNode: Transport {
    enum Behaviour: Sendable {
        /// Answers, but lists no job ever: the released job never runs.
        case neverRunsJobs(nextRun: Int64, tag: String)
        /// Never answers a request (until the waiting task is cancelled).
        case silent
    }

    let behaviour: Behaviour
    private let calls = Mutex<[String]>([])

    init(_ behaviour: Behaviour) { self.behaviour = behaviour }

    /// The methods asked so far (`nat_call` as `nat_call:<read>`), in order.
    var asked: [String] { calls.withLock { $0 } }

    func roundTrip(_ body: [UInt8]) async throws -> [UInt8] {
        let request = try JSON.parse(body)
        let method = request["method"]?.stringValue ?? ""
        let read = request["params"]?["method"]?.stringValue
        calls.withLock { $0.append(read.map { "\(method):\($0)" } ?? method) }
        guard case .neverRunsJobs(let nextRun, let tag) = behaviour else {
            try await Task.sleep(for: .seconds(3_600))
            throw CancellationError()
        }
        let result: JSON = switch (method, read) {
        case ("nat_call", "list_schedules"):
            [["name": "PAY_REDEMPTIONS", "next_run": .int(nextRun), "tag": .string(tag), "last_run": .null]]
        case ("nat_call", "list_jobs"): []
        case ("nat_getNonce", _): 0
        case ("nat_sendTransaction", _):
            ["hash": .string(String(repeating: "0", count: 64)), "block": 1, "timestamp": .int(Date().epochSeconds), "status": "success",
             "gas_used": 40_000, "fee": Amount.wire(SpecGas.fee(gas: 40_000)), "result": [:], "events": []]
        default: .null
        }
        return Array((["jsonrpc": "2.0", "id": request["id"] ?? .null, "result": result] as JSON).canonicalString.utf8)
    }

    /// Schedule control of one tag on this node, as `.controlSchedules` would bind it.
    func control(tag: String) throws -> ScheduleControl {
        let rpc = RPCClient(transport: self)
        let info = try NetworkInfo(json: ["chain_id": "stuck-1", "underlying_chain_id": "stuck-und-1", "attestor": .string(KeyPair().address),
            "genesis_hash": "00", "admin": .string(KeyPair().address), "gas_price": Amount.wire(SpecGas.gasPrice), "kafka": .null])
        let admin = KeyPair()
        let connection = Connection(url: "stuck://node", rpc: rpc, info: info, isEmbedded: false, adminKey: admin)
        return ScheduleControl(tags: [.payRedemptions: tag], connection: connection, admin: try connection.admin(), events: nil)
    }
}
