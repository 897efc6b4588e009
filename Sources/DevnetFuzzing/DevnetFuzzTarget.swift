import Devnet
import Networks

/// The devnet's request path under a fuzzer, in-process: the JSON parser, params decoding,
/// the dispatcher and the ledger.
///
/// An input starting with `{` or `[` is one raw JSON-RPC body for `DevnetNode.handle`. Any
/// other input is a program: after its first (mode) byte, each byte picks an operation
/// (`FuzzOperations`), which reads its choices from the bytes that follow, signs valid
/// transactions of every kind (so the fuzzer gets past signatures and nonces), and sends
/// them to a fresh node. After every request the invariants hold (`FuzzWorld.send`): no
/// trap, every error code in SPEC's ranges, a refused request or a read changes nothing,
/// receipts follow SPEC 3's gas, and every amount is accounted for.
public enum DevnetFuzzTarget {
    /// Operations one program may run.
    public static let maxOperations = 24

    /// Runs one input on a fresh node and returns the broken invariants (none: it passed).
    public static func run(_ data: [UInt8]) -> [String] {
        let world = FuzzWorld()
        execute(data, in: world) { _, _ in }
        return world.problems
    }

    /// One operation of a program as it ran: its opcode, the input offset where it ended,
    /// and the requests it made with whether each did what it asked.
    public struct Step: Sendable {
        public let opcode: Int
        public let end: Int
        public let requests: [(label: String, succeeded: Bool)]
    }

    /// Runs one program, at most `operations` of it, and reports each step (for building seeds).
    public static func trace(_ data: [UInt8], operations: Int = maxOperations) -> (steps: [Step], problems: [String]) {
        let world = FuzzWorld()
        var steps: [Step] = []
        var seen = 0
        execute(data, in: world, operations: operations) { opcode, end in
            steps.append(Step(opcode: opcode, end: end, requests: Array(world.outcomes[seen...])))
            seen = world.outcomes.count
        }
        return (steps, world.problems)
    }

    /// What a program does, step by step, for a person reading a crash input.
    public static func describe(_ data: [UInt8]) -> String {
        let (steps, problems) = trace(data)
        var lines = steps.enumerated().map { n, step in
            "\(n + 1). \(FuzzOperations.all[step.opcode].name)"
                + step.requests.map { "\n     \($0.succeeded ? "ok    " : "failed") \($0.label)" }.joined()
        }
        lines += problems.map { "BROKEN: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func execute(_ data: [UInt8], in world: FuzzWorld, operations: Int = maxOperations, after step: (Int, Int) -> Void) {
        if let first = data.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            world.send(data, "raw request", notification: true)
            return
        }
        var input = FuzzInput(data.dropFirst())
        var count = 0
        while !input.isExhausted, count < min(operations, maxOperations) {
            let opcode = Int(input.byte()) % FuzzOperations.all.count
            FuzzOperations.all[opcode].run(&input, world)
            step(opcode, input.offset + 1)
            count += 1
        }
    }
}
