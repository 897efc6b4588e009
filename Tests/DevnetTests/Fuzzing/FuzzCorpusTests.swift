import DevnetFuzzing
import Foundation
import Testing

/// The fuzzer's corpora replayed without libFuzzer, through the same entry function: every
/// seed and every crash ever found must pass every invariant (`Fuzz/run seeds` writes the
/// seed corpus from `DevnetFuzzSeeds`).
@Suite("Fuzz corpus replay", .timeLimit(.minutes(5)))
struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    /// The files of `Fuzz/corpus/<folder>`, sorted.
    static func files(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }

    static func bytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(file)))
    }

    @Test("every seed and every regression passes every invariant", arguments: files("seed") + files("regressions"))
    func replay(file: String) throws {
        let problems = DevnetFuzzTarget.run(try Self.bytes(file))
        #expect(problems.isEmpty, "\(file): \(problems.joined(separator: "; "))")
    }

    @Test("the program seeds sign a successful transaction of every write method")
    func seedsCoverEveryWrite() throws {
        var succeeded: Set<String> = []
        for file in Self.files("seed") where file.hasPrefix("seed/program-") {
            for step in DevnetFuzzTarget.trace(try Self.bytes(file)).steps {
                for request in step.requests where request.succeeded { succeeded.insert(String(request.label.split(separator: ".").last ?? "")) }
            }
        }
        let writes: Set<String> = ["transfer", "deploy", "set_key_price", "set_fee_config", "set_curve", "pause", "unpause",
            "set_test_timestamp", "withdraw_treasury", "register_creator", "buy_key", "sell_key", "reserve_collateral",
            "execute_minting", "redeem", "redemption_payment_default", "create_agent", "enter", "exit", "withdraw_fees",
            "create_tag", "update_tag", "und_sendPayment", "und_setDepositBlocked"]
        #expect(writes.subtracting(succeeded).isEmpty, "no seed succeeds at \(writes.subtracting(succeeded).sorted())")
    }
}
