import Networks

/// `native.transfer(to, amount)`: moves NAT between accounts (21_000 gas).
enum NativeContract {
    static let interface = ContractInterface(
        name: "native",
        writes: [
            WriteMethod(
                name: "transfer", gas: 21_000,
                params: [ParamSpec("to", .address(.native)), ParamSpec("amount", .amount)],
                valueParam: "amount"
            ) { p throws(RPCError) in
                let to = try p.string("to")
                let amount = try p.amount("amount")
                return { x throws(ContractError) in
                    try x.require(amount > 0, .nativeAmountPositive, or: NativeError.notPositiveAmount)
                    guard to == x.sender || x.ledger.canCredit(to, amount) else { throw NativeError.overflow }
                    x.ledger.debit(x.sender, amount)
                    x.ledger.credit(to, amount)
                    x.ledger.events.stage(type: "Transfer", resource: x.sender, timestamp: x.blockTime,
                        data: ["from": .string(x.sender), "to": .string(to), "amount": Amount.wire(amount)])
                    return [:]
                }
            }
        ],
        reads: []
    )
}

/// `deployer.deploy({"kind"})`: creates a contract instance whose admin is the sender.
enum DeployerContract {
    static let interface = ContractInterface(
        name: "deployer",
        writes: [
            WriteMethod(name: "deploy", gas: 500_000,
                params: [ParamSpec("kind", .oneOf(ContractKind.deployable.map(\.rawValue)))]
            ) { p throws(RPCError) in
                let kindName = try p.string("kind")
                guard let kind = ContractKind(rawValue: kindName), ContractKind.deployable.contains(kind) else { throw invalidParams("unknown contract kind \(kindName)") }
                return { x throws(ContractError) in
                    let nonce = (x.ledger.nonces[x.sender] ?? 1) - 1
                    let seed: JSON = ["deployer": .string(x.sender), "nonce": .int(nonce), "chain_id": .string(x.ledger.genesis.chainID)]
                    let id = "c" + Digest.sha256Hex(seed.canonicalBytes)
                    x.ledger.contractKinds[id] = kind
                    switch kind {
                    case .creatorKeys: x.ledger.creatorKeys[id] = CreatorKeysInstance(id: id, admin: x.sender)
                    case .collateralPool: break
                    }
                    x.ledger.events.stage(type: "ContractDeployed", resource: id, timestamp: x.blockTime,
                        data: ["kind": .string(kind.rawValue), "admin": .string(x.sender)])
                    return ["contract": .string(id), "kind": .string(kind.rawValue)]
                }
            }
        ],
        reads: []
    )
}
