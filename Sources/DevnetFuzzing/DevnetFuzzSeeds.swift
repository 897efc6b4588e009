import Devnet
import Networks

/// The seed corpus: valid signed transactions of every method, as raw request bodies and as
/// programs whose every step succeeded, found by a seeded search over each step's choices.
public enum DevnetFuzzSeeds {
    /// Journeys as operation names (`FuzzOperations.all`), each optionally with the label
    /// suffix of the request that must succeed: `keys.setter:set_fee_config`.
    static let journeys: [(name: String, steps: [String])] = [
        ("minting", ["reserve", "pay", "execute", "fund.transfer", "redeem", "clock", "reserve"]),
        ("default", ["reserve", "pay", "execute", "und.deposit_blocked", "redeem", "clock", "clock", "default"]),
        ("creator-keys", ["deploy", "keys.setter:set_key_price", "keys.setter:set_fee_config", "keys.register", "keys.buy", "keys.sell",
            "keys.setter:set_curve", "keys.setter:pause", "keys.setter:unpause", "keys.setter:set_test_timestamp", "keys.buy",
            "keys.setter:withdraw_treasury"]),
        ("pools", ["pool.enter", "clock", "reserve", "pay", "execute", "pool.withdraw_fees", "pool.transfer", "pool.exit"]),
        ("schedules", ["tag.create", "create_agent", "tag.update", "clock", "events"]),
        ("underlying", ["und.payment", "und.deposit_blocked", "und.payment", "faucet", "transfer"]),
        ("reads", ["transfer", "lookup", "events", "faucet"]),
    ]

    /// Every seed by file name, and the broken invariants the search ran into (none expected).
    public static func all() -> (seeds: [(name: String, bytes: [UInt8])], problems: [String]) {
        var problems: [String] = []
        var seeds = raw()
        for journey in journeys {
            switch program(journey.steps, problems: &problems) {
            case .success(let bytes): seeds.append(("program-\(journey.name)", bytes))
            case .failure(let stuck): problems.append("no program found for the \(journey.name) journey: stuck at \(stuck.description)")
            }
        }
        return (seeds, problems)
    }

    /// Where a search gave up: the step, and the program that got there.
    struct Stuck: Error {
        let step: String
        let program: [UInt8]
        var description: String { "step \(step) after \(program.count) bytes" }
    }

    /// A program whose steps each succeed, or where the last of a few searches gave up (a
    /// step may depend on choices made before it, such as who minted, so each search starts over).
    static func program(_ steps: [String], problems: inout [String]) -> Result<[UInt8], Stuck> {
        var random = SeedRandom(state: 0x1ED6_E70A)
        var result = Result<[UInt8], Stuck>.failure(Stuck(step: steps.first ?? "", program: []))
        for _ in 0..<40 {
            result = search(steps, random: &random, problems: &problems)
            if case .success = result { break }
        }
        return result
    }

    static func search(_ steps: [String], random: inout SeedRandom, problems: inout [String]) -> Result<[UInt8], Stuck> {
        var program: [UInt8] = [0x01]
        var done = 0
        for spec in steps {
            let parts = spec.split(separator: ":").map(String.init)
            guard let opcode = FuzzOperations.all.firstIndex(where: { $0.name == parts[0] }) else {
                return .failure(Stuck(step: spec, program: program))
            }
            var found = false
            for _ in 0..<400 {
                let candidate = program + [UInt8(opcode)] + (0..<48).map { _ in UInt8.random(in: 0...255, using: &random) }
                let trace = DevnetFuzzTarget.trace(candidate, operations: done + 1)
                problems += trace.problems
                guard trace.problems.isEmpty, trace.steps.count > done else { continue }
                let step = trace.steps[done]
                let succeeded = parts[0] == "clock"
                    || (!step.requests.isEmpty && step.requests.allSatisfy(\.succeeded)
                        && (parts.count < 2 || step.requests.contains { $0.label.hasSuffix("." + parts[1]) }))
                guard succeeded else { continue }
                program = Array(candidate.prefix(step.end))
                done += 1
                found = true
                break
            }
            guard found else { return .failure(Stuck(step: spec, program: program)) }
        }
        return .success(program)
    }
}

/// SplitMix64 for the seed search, so the same seeds come out every time.
struct SeedRandom: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
