import Networks

/// The FUND token (SPEC 6): balances in uba, transfers, and supply totals.
///
/// SPEC lists no gas for `fund.transfer`; it costs 50_000 (docs/API.md).
enum FundContract {
    static let transferGas: Int64 = 50_000

    static let interface = ContractInterface(
        name: "fund",
        writes: [
            WriteMethod(name: "transfer", gas: transferGas, params: [ParamSpec("to", .address(.native)), ParamSpec("amount", .amount)]) {
                p throws(RPCError) in
                let to = try p.string("to")
                let amount = try p.amount("amount")
                return { x throws(ContractError) in
                    let fund = x.ledger.asset.fund
                    try x.require(amount > 0, .fundAmountPositive, or: FundError.notPositiveAmount)
                    try x.require(fund.balance(x.sender) >= amount, .fundTransferMoreThanHeld, or: FundError.insufficientBalance)
                    guard fund.canMove(x.sender, to, amount) else { throw FundError.overflow }
                    fund.move(x.sender, to, amount)
                    x.ledger.events.stage(type: "FundTransfer", resource: "fund", timestamp: x.blockTime,
                        data: ["from": .string(x.sender), "to": .string(to), "amount": Amount.wire(amount)])
                    return [:]
                }
            }
        ],
        reads: [
            ReadMethod(name: "balance_of", params: [ParamSpec("address", .string)]) { p throws(RPCError) in
                let address = try p.string("address")
                return { ledger, _ in Amount.wire(ledger.asset.fund.balance(address)) }
            },
            ReadMethod(name: "total_supply", params: []) { _ throws(RPCError) in
                { ledger, _ in
                    let f = ledger.asset.fund
                    // `as_of_seq` is the last event the figures include, so a test on a busy network can
                    // account for every minting and burn between two reads.
                    return ["total_supply": Amount.wire(f.totalSupply), "minted": Amount.wire(f.minted), "burned": Amount.wire(f.burned),
                        "as_of_seq": .int(ledger.events.nextSeq - 1)]
                }
            },
        ]
    )
}
