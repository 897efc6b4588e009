import Fixtures
import Networks
import Testing

/// Importing LedgerQA's modules shadows no name of the Swift standard library or Swift Testing.
@Suite("Names stay the standard ones")
struct NameTests {
    func total(_ xs: some Collection<Int>) -> Int { xs.reduce(0, +) }

    @Test("Collection is Swift's and Expectation is Swift Testing's")
    func standardNames() {
        #expect(total([1, 2, 3]) == 6)
        #expect(ObjectIdentifier(Expectation.self) == ObjectIdentifier(Testing.Expectation.self))
        let result: Result<Int, any Error> = .success(1)
        #expect((try? result.get()) == 1)
    }
}
