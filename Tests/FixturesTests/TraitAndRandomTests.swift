@testable import Fixtures
import Networks
import Testing

@Suite("Test timestamp trait")
struct TestTimestampTraitTests {
    @Test("without the trait the default timestamp applies and TestTimestamp.current fails naming the trait")
    func withoutTrait() {
        let error = #expect(throws: FixtureError.self) { try TestTimestamp.current }
        #expect(error.map { "\($0)" }?.contains(".testTimestamp(_:)") == true, "\(String(describing: error))")
        #expect(TestTimestamp.effective == 1_700_000_000)
        #expect(DEFAULT_TEST_TIMESTAMP == 1_700_000_000)
    }

    @Test("the trait binds its timestamp for the test", .testTimestamp(1_234))
    func withTrait() throws {
        #expect(try TestTimestamp.current == 1_234)
        #expect(TestTimestamp.effective == 1_234)
    }

    @Test("an instance deployed under the trait stamps its events with the timestamp", .testTimestamp(1_600_000_000))
    func deployedInstanceUsesIt() async throws {
        let env = try await CreatorKeysTestEnv.deploy()
        let receipt = try await env.keys.setKeyPrice(10, by: env.admin)
        #expect(receipt.events.map(\.timestamp) == [1_600_000_000])
        let state = try await env.keys.read("get_state")
        #expect(state["test_timestamp"] == .int(1_600_000_000))
    }
}

@Suite("Seeded randomness")
struct SeededGeneratorTests {
    @Test("the same seed gives the same sequence; another seed another")
    func replay() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        var c = SeededGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }

    @Test("the sequence is SplitMix64's, so other tools can replay it")
    func knownVector() {
        var g = SeededGenerator(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    }
}

@Suite("Shared network fixture")
struct NetworkFixtureTests {
    @Test("the shared network boots the embedded devnet once and funds new accounts exactly")
    func embedded() async throws {
        let first = try await Network.shared.connection()
        let second = try await Network.shared.connection()
        #expect(first.url == second.url, "one network per test process")
        if first.isEmbedded {
            #expect(first.url.hasPrefix("http://127.0.0.1:"), "an ephemeral loopback port")
            #expect(try first.admin().address == first.info.admin)
        }
        let account = try await first.newAccount(nat: 12_345)
        #expect(try await account.balance() == 12_345)
    }
}
