import Devnet
import Testing

/// The fault switch's grammar: specs read back as they were written, and a malformed one is
/// refused with a message naming the part and the grammar.
@Suite("Devnet fault and plant specs")
struct FaultSpecTests {
    @Test("an HTTP fault spec reads back as written")
    func faultsRoundTrip() throws {
        let faults = try HTTPFaults.parse("latency=20ms, jitter=100ms,drop-after-include=5%,503=2%,502=1%,close=0.5%,seed=7")
        #expect(faults.latency == .milliseconds(20) && faults.jitter == .milliseconds(100))
        #expect(faults.dropAfterInclude == 0.05 && faults.unavailable == 0.02 && faults.badGateway == 0.01 && faults.close == 0.005)
        #expect(faults.seed == 7 && faults.isActive)
        #expect(try HTTPFaults.parse(faults.description) == faults)
        #expect(try HTTPFaults.parse("off") == .none && !HTTPFaults.none.isActive)
    }

    @Test("a malformed HTTP fault spec names the part and the grammar", arguments: [
        ("latency=20", "latency=20"), ("drop-after-include=5", "drop-after-include=5"), ("503=200%", "503=200%"),
        ("retry=1%", "retry=1%"), ("seed=-1", "seed=-1"), ("latency", "latency"), ("502=1%,502=2%", "502=2%"),
        ("502=60%,503=50%", "502=60%,503=50%"),
    ])
    func malformedFaults(spec: String, part: String) {
        let error = #expect(throws: FaultSpecError.self) { try HTTPFaults.parse(spec) }
        #expect(error?.setting == "faults" && error?.part == part, "\(String(describing: error))")
        #expect(error?.description.contains("expected comma-separated key=value items") == true)
    }

    @Test("planted bugs read back as written")
    func plantsRoundTrip() throws {
        let spec = "gas:pool.exit:3:+1000,skip:pool.timelock,combo:reservation-after-exit:nth=2:effect=fee+500,gas:native.transfer:1:-1000"
        let bugs = try PlantedBug.parse(spec)
        #expect(bugs.count == 4)
        #expect(bugs[0] == .gas(call: "pool.exit", fromUse: 3, delta: 1_000))
        #expect(bugs[1] == .skip(.poolTimelock))
        guard case .combo(let combo) = bugs[2] else { Issue.record("not a combo: \(bugs[2])"); return }
        #expect(combo.kind.name == "reservation-after-exit" && combo.nth == 2 && combo.effect == .reservationFee(500))
        #expect(try PlantedBug.parse(bugs.map(\.description).joined(separator: ",")) == bugs)
        #expect(try PlantedBug.parse("combo:reservation-after-exit") == [.combo(ComboBug(kind: ComboBug.kinds[0], nth: 4, effect: .shortLot))])
        #expect(try PlantedBug.parse("off").isEmpty)
    }

    @Test("every refusal rule has a stable dotted name that plants as skip:<name>")
    func ruleNames() throws {
        for rule in RefusalRule.allCases {
            #expect(rule.rawValue.split(separator: ".").count == 2, "\(rule.rawValue)")
            #expect(try PlantedBug.parse("skip:\(rule.rawValue)") == [.skip(rule)])
        }
        #expect(Set(RefusalRule.allCases.map(\.rawValue)).count == RefusalRule.allCases.count)
    }

    @Test("a malformed plant spec names the part and the grammar", arguments: [
        ("gas:pool.exitt:3:+1000", "unknown call pool.exitt"), ("gas:pool.exit:0:+1000", "≥ 1"), ("gas:pool.exit:3:1000", "signed"),
        ("gas:pool.exit:3:-200000", "gas would leave"), ("skip:pool.timelok", "unknown refusal rule"), ("bug:x", "unknown kind"),
        ("combo:nope", "unknown combination"), ("combo:reservation-after-exit:nth=0", "unknown parameter"),
        ("skip:pool.timelock,skip:pool.timelock", "planted twice"),
    ])
    func malformedPlants(spec: String, problem: String) {
        let error = #expect(throws: FaultSpecError.self) { try PlantedBug.parse(spec) }
        #expect(error?.setting == "plant" && error?.description.contains(problem) == true, "\(String(describing: error))")
        #expect(error?.description.contains("expected") == true && spec.contains(error?.part ?? "?"))
    }
}
