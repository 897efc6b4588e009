import Fixtures
import Networks
import Testing

@Suite("Quotes: conservation", .testTimestamp(DEFAULT_TEST_TIMESTAMP), .timeLimit(.minutes(5)))
struct ConservationTests {
    @Test("after seeded random buys and sells, every wei that entered is accounted for", arguments: [UInt64(7), 2024, 90_210])
    func natIsConserved(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let funding: Int128 = 10 * Units.nat
        let env = try await CreatorKeysTestEnv.deploy()
        try await env.setPricingAndFees(price: 1_000_000_000_000, creatorBps: 7000, protocolBps: 3000)
        try await env.keys.setCurve(.linear, slope: 1_000_000_000, by: env.admin)
        let creators = [try await env.registerTestCreator("alice", nat: funding), try await env.registerTestCreator("bob", nat: funding)]
        var holders: [Account] = []
        for _ in 0..<4 { holders.append(try await env.newAccount(nat: funding)) }

        var reverted = 0
        var buys: Int128 = 0
        var sells: Int128 = 0
        for _ in 0..<60 {
            let holder = holders[Int.random(in: 0..<holders.count, using: &random)]
            let creator = creators[Int.random(in: 0..<creators.count, using: &random)]
            do {
                if Bool.random(using: &random) {
                    let quote = try await env.keys.buyQuote(creator: creator.address)
                    buys += 1
                    try await env.keys.buyKey(creator: creator.address, payment: quote.totalAmount, by: holder)
                } else {
                    sells += 1
                    try await env.keys.sellKey(creator: creator.address, by: holder)
                }
            } catch CreatorKeysError.insufficientBalance {
                reverted += 1  // a sell with no key: reverted, gas paid, and counted below
            }
        }

        let accounts = [env.admin] + creators + holders
        let entered = 1_000 * Units.nat + Int128(creators.count + holders.count) * funding
        var balances: Int128 = 0
        for account in accounts { balances += try await account.balance() }
        // SPEC 3's gas of every call: deploy, 4 admin setters, 2 registrations, the buys and the sells (reverted ones too).
        let gas = Spec.fee(gas: Spec.deployGas + 4 * Spec.adminGas + 2 * Spec.registerGas + buys * Spec.buyGas + sells * Spec.sellGas)
        var creatorFees: Int128 = 0
        for creator in creators { creatorFees += try await env.keys.creatorFeeBalance(creator: creator.address) }
        let reserve = try await env.keys.reserveBalance()
        let treasury = try await env.keys.treasuryBalance()
        #expect(balances + reserve + creatorFees + treasury + gas == entered,
            "seed \(seed): balances \(balances) + reserve \(reserve) + creator fees \(creatorFees) + treasury \(treasury) + gas \(gas) != \(entered) (\(reverted) sells reverted)")
    }
}
