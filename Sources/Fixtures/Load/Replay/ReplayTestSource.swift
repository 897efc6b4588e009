/// The Swift Testing test that replays a minimal sequence, printed after shrinking for a person
/// to paste into a test target that depends on Fixtures (as Hypothesis prints its program).
enum ReplayTestSource {
    /// The test's source. Its function name comes from the case and the seed.
    static func make(_ minimal: ReplayFile, from started: Int) throws -> String {
        let json = String(decoding: try minimal.jsonData(), as: UTF8.self)
        let name = "shrunk" + minimal.label.filter { $0.isLetter || $0.isNumber }.capitalizedFirst + "Seed\(minimal.settings.seed)"
        let steps = minimal.steps.map { "//   \($0.order + 1). user-\($0.user) \($0.action)" + ($0.draws.isEmpty ? "" : ": " + $0.draws.map(\.description).joined(separator: ", ")) }
        return """
            import Fixtures
            import Testing

            // Shrunk by LedgerQA from load case \(minimal.label) (seed \(minimal.settings.seed), run \(minimal.settings.runID)):
            // \(started) actions -> \(minimal.steps.count), failing with \(minimal.failure ?? "?")\(minimal.plant.map { " on a devnet planted with \($0)" } ?? "").
            // It replays on a fresh private devnet that plants what DEVNET_PLANT says: it fails while the bug
            // is there and passes once it is gone.
            \(steps.joined(separator: "\n"))
            @Test("\(minimal.label) seed \(minimal.settings.seed), shrunk to \(minimal.steps.count) actions", .timeLimit(.minutes(2)))
            func \(name)() async throws {
                let replay = try ReplayFile.decode(json: #\"\"\"
            \(json.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n"))
                    \"\"\"#)
                let outcome = try await replay.runOnPrivateDevnet()
                #expect(outcome.problems.isEmpty, "\\(outcome.problems.joined(separator: "\\n"))")
            }

            """
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
