import Fixtures
import Foundation
import Networks
import Testing

/// Three rounds of a creator-keys market driven by the step runner: one seeded creator per
/// round (four in the data file, `max_rounds: 3`), a buyer and a seller worker, prices and fees
/// checked against SPEC 4 in every step, totals carried across rounds in the global scope.
@Suite("Steps: creator-keys market journey")
struct MarketJourneyTests {
    @Test("three rounds of buys and sells price every trade by SPEC 4 and carry the totals across rounds",
        .stepRunner("Journeys/market/config.json"), .timeLimit(.minutes(5)))
    func threeRounds() async throws {
        let runner = try StepRunner.current
        #expect(runner.rounds == 3, "4 creators in the data file, capped by max_rounds: 3")
        try await runner.run(MarketSteps.all, postLoad: { runner, seeded in
            #expect(seeded.creators.map(\.handle) == ["alice_keys", "bob_keys", "carol_keys", "dave_keys"])
            let observer = try #require(seeded.accounts.first, "the accounts collection was seeded")
            #expect(try await runner.connection.chain.balance(of: observer.address) == 2 * Units.nat, "observer NAT from accounts.json")
            #expect(try await UnderlyingChain(rpc: runner.connection.rpc).balance(of: observer.underlyingAddress) == 3 * Units.und)
            try runner.set("observer", .string(observer.address), scope: .global)
        })
        #expect(runner.isFinished)

        // The whole run again, from SPEC 4 alone: round r, the seller buys r keys at supply
        // 0..r-1, the buyer one at r, the seller sells one at r + 1; in the last round the buyer sells too.
        let pricing = try Pricing(runner)
        var protocolFees: Int128 = 0
        var reserve: Int128 = 0
        var bought = 0
        var sold = 0
        for round in 1...3 {
            var supply: Int128 = 0
            for _ in 0...round {
                let q = pricing.buyQuote(supply: supply)
                protocolFees += q.protocolFee
                reserve += q.price
                supply += 1
                bought += 1
            }
            for _ in 0..<(round == 3 ? 2 : 1) {
                let q = pricing.sellQuote(supply: supply)
                protocolFees += q.protocolFee
                reserve -= q.price
                supply -= 1
                sold += 1
            }
        }
        #expect(try runner.int("totals.keys_bought", scope: .global) == Int64(bought), "(1 + 2 + 3) seller keys and 3 buyer keys")
        #expect(try runner.int("totals.keys_sold", scope: .global) == Int64(sold))
        #expect(try runner.amount("totals.protocol_fees", scope: .global) == protocolFees)
        #expect(try runner.amount("totals.reserve", scope: .global) == reserve)
        #expect(try runner.int("totals.rounds_settled", scope: .global) == 3)
        let keys = try runner.creatorKeys()
        #expect(try await keys.treasuryBalance() == protocolFees, "the treasury holds every protocol fee of the run")
        #expect(try await keys.reserveBalance() == reserve)
        #expect(try runner.string("observer", scope: .global) == runner.seeded().accounts.first?.address, "set by the post-load hook")
    }

    @Test("the step log records each step's payload without the worker's secrets, and what it set",
        .stepRunner("Journeys/market/config.json"), .timeLimit(.minutes(5)))
    func stepLog() async throws {
        let runner = try StepRunner.current
        try await runner.run(MarketSteps.all)
        let log = try String(contentsOf: runner.logFile, encoding: .utf8)
        let apiKey = try runner.worker("buyer").env("API_KEY")
        #expect(apiKey == "market-demo-api-key-7f3a", "resolved from the .env next to config.json")
        #expect(!log.contains(apiKey), "the API key never reaches the log")
        #expect(log.contains("\"api_key\":\"<redacted>\""), "the payload shows where the secret was")
        for round in 1...3 {
            #expect(log.contains("STEP_START round=\(round) step=buyer_buys worker=buyer"), "round \(round)")
            #expect(log.contains("STEP_DONE round=\(round) step=settle_round"), "round \(round)")
        }
        #expect(log.contains("STEP_SKIPPED round=1 step=buyer_sells_back reason=\"the buyer keeps its key until the last round\""))
        #expect(log.contains("STEP_DONE round=3 step=buyer_sells_back"))
        #expect(log.contains("result=round.supply=1"), "STEP_DONE lists what the step set")
        #expect(log.contains("RUN_DONE"))
    }
}
