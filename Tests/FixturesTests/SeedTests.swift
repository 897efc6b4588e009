@testable import Fixtures
import Testing

/// Seeded action choice and the load run's environment variables.
@Suite("Load seeds and configuration")
struct SeedTests {
    static func sequence(seed: UInt64, count: Int = 200) -> [ActionName] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).compactMap { _ in LoadEngine.pick(ActionName.builtIn, using: &rng) }
    }

    @Test("the same seed gives the same 200 actions; another seed another sequence")
    func replay() {
        let first = Self.sequence(seed: 42)
        #expect(first.count == 200)
        #expect(first == Self.sequence(seed: 42), "seed 42 twice")
        #expect(first != Self.sequence(seed: 43), "seeds 42 and 43")
        #expect(Self.sequence(seed: 0) == Self.sequence(seed: 0), "seed 0 twice")
        #expect(Set(first).count == ActionName.builtIn.count, "200 picks reach all twelve actions: \(Set(first).sorted())")
    }

    @Test("picking from nothing gives nil and draws nothing")
    func empty() {
        var rng = SeededGenerator(seed: 7)
        #expect(LoadEngine.pick([ActionName](), using: &rng) == nil)
        var fresh = SeededGenerator(seed: 7)
        #expect(rng.next() == fresh.next(), "the generator did not advance")
    }

    @Test("there are twelve built-in actions with seed 000's names, in its order, before custom ones")
    func names() {
        #expect(ActionName.builtIn.count == 12)
        #expect(LoadAction.builtIn.map(\.name) == ActionName.builtIn)
        #expect(ActionName.builtIn.map(\.rawValue).contains("RedeemDefaultRandomRedemptionBlockUnderlying"))
        #expect(ActionName.builtIn.sorted() == ActionName.builtIn, "Comparable follows the table order")
        #expect(([ "Zeta", "Alpha", .scenario2] as [ActionName]).sorted() == [.scenario2, "Alpha", "Zeta"], "custom names after built-in ones, by name")
        #expect(Array(LoadMix.all.actionNames.prefix(12)) == ActionName.builtIn, "all: the twelve, then the refusals")
        #expect(LoadMix.all.actionNames.count == 12 + RefusalActions.all.count)
        #expect(LoadMix.builtIn.map(\.name) == ["minting", "redeeming", "pools", "scenarios", "refusals", "all"])
    }

    @Test("LOAD_ACTIONS narrows a mix, and a name no mix knows is refused with the names it could be")
    func narrowing() throws {
        let custom = LoadAction("TipPartner", condition: { _ in true }) { _ in }
        let mix = LoadMix.scenarios.adding(custom)
        #expect(try LoadConfiguration.parse([:]).narrow(mix).map(\.name) == [.scenario1, .scenario2, "TipPartner"])
        #expect(try LoadConfiguration.parse(["LOAD_ACTIONS": "TipPartner,Scenario2"]).narrow(mix).map(\.name) == [.scenario2, "TipPartner"])
        #expect(try LoadConfiguration.parse(["LOAD_ACTIONS": "RedeemRandomAmount"]).narrow(mix).isEmpty, "a built-in action of another mix")
        let error = #expect(throws: ConfigurationError.self) {
            try LoadConfiguration.parse(["LOAD_ACTIONS": "Scenario3"]).narrow(mix)
        }
        #expect(error?.variable == "LOAD_ACTIONS")
        #expect(error?.expected.contains("Scenario3 is none of") == true && error?.expected.contains("TipPartner") == true,
            "\(String(describing: error))")
    }

    @Test("unset and blank variables keep the defaults; the seed is drawn")
    func defaults() throws {
        let c = try LoadConfiguration.parse(["LOAD_USERS": "", "LOAD_DURATION": "  "])
        #expect(c.users == nil)
        #expect(c.duration == nil, "the trait's duration, else the default, applies")
        #expect(c.actions == nil)
        #expect(c.funderKey == nil)
        #expect((1...999_999_999).contains(c.seed), "random seed \(c.seed)")
    }

    @Test("well-formed values are taken")
    func wellFormed() throws {
        let key = String(repeating: "0123456789abcdef", count: 4)
        let c = try LoadConfiguration.parse([
            "LOAD_USERS": " 7 ", "LOAD_DURATION": "2.5", "LOAD_SEED": "18446744073709551615",
            "LOAD_ACTIONS": "Scenario1, RedeemRandomAmount,Scenario1", "LOAD_FUNDER_KEY": key,
        ])
        #expect(c.users == 7)
        #expect(c.duration == .milliseconds(2500))
        #expect(c.seed == UInt64.max)
        #expect(c.actions == [.scenario1, .redeemRandomAmount])
        #expect(c.funderKey == key)
        var bounds = LoadConfiguration(seed: 0)
        bounds.users = 10_000
        bounds.duration = .seconds(86_400)
        #expect(try LoadConfiguration.parse(["LOAD_USERS": "10000", "LOAD_DURATION": "86400", "LOAD_SEED": "0"]) == bounds)
        let all = ActionName.builtIn.map(\.rawValue).joined(separator: ",")
        #expect(try LoadConfiguration.parse(["LOAD_ACTIONS": all]).actions == Set(ActionName.builtIn))
        #expect(try LoadConfiguration.parse(["LOAD_ITERATIONS": "20"]).iterations == 20)
    }

    @Test("LOAD_ITERATIONS counts actions per user, so it is refused beside an arrival rate")
    func iterationsWithRate() {
        for rate in [["LOAD_RATE": "10/s"], ["LOAD_STAGES": "10s:5/s"]] {
            let error = #expect(throws: ConfigurationError.self) { try LoadConfiguration.parse(rate.merging(["LOAD_ITERATIONS": "5"]) { a, _ in a }) }
            #expect(error?.variable == "LOAD_ITERATIONS" && error?.expected.contains("start actions at a rate, not per user") == true, "\(rate)")
        }
    }

    @Test("a malformed value throws ConfigurationError naming the variable and the expected form", arguments: [
        ("LOAD_USERS", "0", "a whole number of users from 1 to 10000"),
        ("LOAD_USERS", "10001", "a whole number of users from 1 to 10000"),
        ("LOAD_USERS", "ten", "a whole number of users from 1 to 10000"),
        ("LOAD_USERS", "1.5", "a whole number of users from 1 to 10000"),
        ("LOAD_DURATION", "0", "seconds, a number above 0 and at most 86400"),
        ("LOAD_DURATION", "-5", "seconds, a number above 0 and at most 86400"),
        ("LOAD_DURATION", "86401", "seconds, a number above 0 and at most 86400"),
        ("LOAD_DURATION", "inf", "seconds, a number above 0 and at most 86400"),
        ("LOAD_DURATION", "nan", "seconds, a number above 0 and at most 86400"),
        ("LOAD_DURATION", "2m", "seconds, a number above 0 and at most 86400"),
        ("LOAD_SEED", "-1", "a whole number from 0 to 18446744073709551615"),
        ("LOAD_SEED", "18446744073709551616", "a whole number from 0 to 18446744073709551615"),
        ("LOAD_SEED", "0x10", "a whole number from 0 to 18446744073709551615"),
        ("LOAD_ACTIONS", "Scenario 3", "a comma-separated list of action names (letters, digits, _ and -)"),
        ("LOAD_ACTIONS", "Scenario1;Scenario2", "a comma-separated list of action names (letters, digits, _ and -)"),
        ("LOAD_ACTIONS", "Scenario1, ,Scenario2", "a comma-separated list of action names (letters, digits, _ and -)"),
        ("LOAD_ACTIONS", ",", "a comma-separated list of action names"),
        ("LOAD_FUNDER_KEY", String(repeating: "a", count: 63), "64 lowercase hex characters"),
        ("LOAD_FUNDER_KEY", String(repeating: "A", count: 64), "64 lowercase hex characters"),
        ("LOAD_FUNDER_KEY", String(repeating: "g", count: 64), "64 lowercase hex characters"),
        ("LOAD_ITERATIONS", "0", "the actions each user runs before it stops"),
        ("LOAD_ITERATIONS", "-3", "the actions each user runs before it stops"),
        ("LOAD_ITERATIONS", "2.5", "the actions each user runs before it stops"),
        ("LOAD_ITERATIONS", "100000001", "the actions each user runs before it stops"),
    ])
    func malformed(variable: String, value: String, expected: String) {
        #expect {
            try LoadConfiguration.parse([variable: value])
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.variable == variable && error.description.contains(variable) && error.expected.contains(expected)
                && error.description.contains(expected)
        }
    }

    @Test("a funder key of fullwidth hex digits is malformed too")
    func fullwidthKey() {
        let key = String(repeating: "\u{FF41}", count: 64)  // "ａ", FULLWIDTH LATIN SMALL LETTER A
        #expect {
            try LoadConfiguration.parse(["LOAD_FUNDER_KEY": key])
        } throws: { error in
            (error as? ConfigurationError)?.variable == "LOAD_FUNDER_KEY"
        }
    }

    @Test("a malformed funder key is never echoed")
    func keyNotEchoed() {
        let key = String(repeating: "abcdef0123456789", count: 4) + "Z"
        do {
            _ = try LoadConfiguration.parse(["LOAD_FUNDER_KEY": key])
            Issue.record("a 65-character key was accepted")
        } catch {
            #expect(error.variable == "LOAD_FUNDER_KEY")
            #expect(!error.description.contains(key.prefix(16)), "\(error.description)")
            #expect(error.value == "<65 characters>")
        }
    }
}
