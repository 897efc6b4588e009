import Fixtures
import Networks
import Testing

/// A bridged-asset journey on an agent created from the seeded data: the minter reserves
/// collateral, pays the agent on the underlying chain and executes the minting; it hands one
/// lot's FUND to the redeemer, who redeems it; the agent's `PAY_REDEMPTIONS` job runs when the
/// step triggers it (`.controlSchedules`). Amounts are checked with SPEC 6's formulas on the
/// settings the network was started with (lot size, price), never copied from a receipt.
enum BridgeSteps {
    static var all: [Step] { [reserve, payAgent, executeMinting, handOver, redeem, payRedemptions, checkAgent] }

    static func agent(_ runner: StepRunner) throws -> SeededData.SeededAgent { try runner.seeded().agent("bridge_agent") }
    static func asset(_ runner: StepRunner) -> AssetManager {
        AssetManager(chain: runner.connection.chain, id: runner.connection.info.contracts["asset_manager"] ?? "asset_manager",
            fundID: runner.connection.info.contracts["fund"] ?? "fund")
    }

    static let reserve = Step("reserve", "the minter reserves collateral for bridge.lots_per_round lots", worker: "minter",
        prepare: { runner, _ in
            ["agent": .string(try agent(runner).agent), "lots": .int(try runner.int("bridge.lots_per_round")), "max_minting_fee_bips": 25]
        },
        execute: { runner, worker, payload in
            let asset = asset(runner)
            let settings = try await asset.settings()
            let lots = try #require(payload["lots"]?.intValue)
            let agentID = try #require(payload["agent"]?.stringValue)
            let minter = try worker.account()
            let before = try await minter.balance()
            let receipt = try await minter.send(asset.reserveCollateral(agent: agentID, lots: lots, maxMintingFeeBips: 25))
            try #require(receipt.status == .success, "reserve_collateral: \(receipt.json)")
            let reservation = try CollateralReservation(json: try #require(receipt.result), agent: agentID, lots: lots)
            let value = Int128(lots) * settings.lotSize
            #expect(reservation.valueUBA == value && reservation.feeUBA == value * 25 / 10_000, "SPEC 6 value and minting fee: \(reservation)")
            let reservationFee = Int128(lots) * settings.lotSize * settings.weiPerUBA * Spec.collateralReservationFeeBips / 10_000
            #expect(before - (try await minter.balance()) == reservationFee + Spec.fee(Spec.reserveCollateralGas), "reservation fee + gas")
            try runner.set("reservation", [
                "id": .int(reservation.reservationID), "payment_address": .string(reservation.paymentAddress),
                "amount": Amount.wire(reservation.paymentAmount), "reference": .string(reservation.paymentReference),
                "value_uba": Amount.wire(value), "fee_uba": Amount.wire(reservation.feeUBA),
            ])
        })

    static let payAgent = Step("pay_agent", "the minter pays value + fee on the underlying chain with the reference", worker: "minter",
        execute: { runner, worker, _ in
            let amount = try runner.amount("reservation.amount")
            let underlying = try worker.underlying()
            let chain = UnderlyingChain(rpc: runner.connection.rpc)
            let before = try await chain.balance(of: underlying.address)
            let payment = try await underlying.pay(amount, to: try runner.string("reservation.payment_address"),
                reference: try runner.string("reservation.reference"))
            try #require(payment.status == .success, "underlying payment: \(payment)")
            #expect(before - (try await chain.balance(of: underlying.address)) == amount + Spec.underlyingFee, "amount + 12 drops")
            try runner.set("reservation.payment_hash", .string(payment.hash))
        })

    static let executeMinting = Step("execute_minting", "the minter executes the minting with the payment proof", worker: "minter",
        execute: { runner, worker, _ in
            let asset = asset(runner)
            let agent = try agent(runner)
            let proof = try await UnderlyingChain(rpc: runner.connection.rpc).paymentProof(try runner.string("reservation.payment_hash"))
            let fundBefore = try await asset.fundBalance(of: worker.address)
            let poolBefore = try await asset.pool(ofAgent: agent.agent).feesReceived
            let receipt = try await worker.account().send(asset.executeMinting(reservationID: try runner.int("reservation.id"), proof: proof))
            try #require(receipt.status == .success, "execute_minting: \(receipt.json)")
            #expect(receipt.gasUsed == Spec.executeMintingGas)
            let value = try runner.amount("reservation.value_uba")
            #expect(try await asset.fundBalance(of: worker.address) - fundBefore == value, "the minter received value_uba FUND")
            let poolShare = try runner.amount("reservation.fee_uba") * Spec.poolFeeShareBips / 10_000
            #expect(try await asset.pool(ofAgent: agent.agent).feesReceived - poolBefore == poolShare, "the pool's 40 % of the minting fee")
            let lots = Int64(try runner.int("bridge.lots_per_round"))
            try runner.set("totals.minted_lots", .int(((try? runner.int("totals.minted_lots", scope: .global)) ?? 0) + lots), scope: .global)
        })

    static let handOver = Step("hand_over", "the minter sends one lot's FUND to the redeemer", worker: "minter",
        execute: { runner, worker, _ in
            let asset = asset(runner)
            let settings = try await asset.settings()
            let redeemer = try runner.worker("redeemer").address
            let before = try await asset.fundBalance(of: redeemer)
            let receipt = try await worker.account().send(asset.fundTransfer(to: redeemer, amount: settings.lotSize))
            try #require(receipt.status == .success, "FUND transfer: \(receipt.json)")
            #expect(try await asset.fundBalance(of: redeemer) - before == settings.lotSize)
        })

    static let redeem = Step("redeem", "the redeemer redeems one lot from the seeded agent", worker: "redeemer",
        execute: { runner, worker, _ in
            let asset = asset(runner)
            let settings = try await asset.settings()
            let agent = try agent(runner)
            let fundBefore = try await asset.fundBalance(of: worker.address)
            let receipt = try await worker.account().send(asset.redeem(lots: 1, agent: agent.agent))
            try #require(receipt.status == .success, "redeem: \(receipt.json)")
            #expect(receipt.gasUsed == Spec.redeemGas)
            let result = try RedeemResult(json: try #require(receipt.result))
            let request = try #require(result.requests.first, "one request: \(result)")
            let fee = settings.lotSize * Spec.redemptionFeeBips / 10_000
            #expect(request.valueUBA == settings.lotSize && request.feeUBA == fee && request.payUBA == settings.lotSize - fee, "SPEC 6: \(request)")
            #expect(fundBefore - (try await asset.fundBalance(of: worker.address)) == settings.lotSize, "one lot of FUND burned")
            #expect(try await asset.redemption(request.requestID).status == "PENDING", "the agent's bot waits for its schedule")
            try runner.set("request", ["id": .int(request.requestID), "pay_uba": Amount.wire(request.payUBA)])
        })

    static let payRedemptions = Step("pay_redemptions", "the agent's PAY_REDEMPTIONS job runs when the step triggers it", worker: "redeemer",
        execute: { runner, worker, _ in
            let control = try ScheduleControl.current
            let agent = try agent(runner)
            let chain = UnderlyingChain(rpc: runner.connection.rpc)
            let before = try await chain.balance(of: worker.key().underlyingAddress)
            let job = try await control.triggerNextScheduleJob(.payRedemptions, for: agent.agent)
            #expect(job.status == .succeeded)
            let id = try runner.int("request.id")
            _ = try await Waits.redemption(id, status: "SUCCESSFUL", asset: asset(runner))
            let pay = try runner.amount("request.pay_uba")
            #expect(try await chain.balance(of: worker.key().underlyingAddress) - before == pay, "the redeemer received pay_uba")
            try runner.set("totals.redeemed_lots", .int(((try? runner.int("totals.redeemed_lots", scope: .global)) ?? 0) + 1), scope: .global)
            try runner.set("totals.und_received", amount: try runner.amount("totals.und_received", scope: .global, default: 0) + pay, scope: .global)
        })

    static let checkAgent = Step("check_agent", "the agent's lots equal the run's totals", worker: "minter",
        execute: { runner, _, _ in
            let info = try await asset(runner).agent(try agent(runner).agent)
            let minted = try runner.int("totals.minted_lots", scope: .global)
            let redeemed = try runner.int("totals.redeemed_lots", scope: .global)
            #expect(info.executedMintingLots == minted && info.redeemedLots == redeemed, "\(info)")
            #expect(info.mintedLots == minted - redeemed && info.freeLots == 20 - (minted - redeemed), "\(info)")
        })
}
