import Networks

/// One JSON-RPC method of the node: its params, a summary for `rpc.discover`, and its handler.
struct RPCMethod: Sendable {
    let name: String
    let summary: String
    let params: [ParamSpec]
    let result: String
    let errors: [Int]
    let run: @Sendable (DevnetNode, Params) throws(RPCError) -> JSON
}

/// The node's method table (SPEC 3; docs/API.md describes each method).
enum RPCMethods {
    static let address = ParamSpec("address", .address(.native))

    static let all: [RPCMethod] = native + UnderlyingMethods.all + [discover]

    static let native: [RPCMethod] = [
        RPCMethod(name: "devnet_info", summary: "Chain id, genesis hash, admin address, gas price, well-known contracts, Kafka bootstrap.",
            params: [], result: "object", errors: []) { node, _ in node.info },
        RPCMethod(name: "devnet_faucet", summary: "Devnet only: credits NAT (default 1000 NAT) and optionally UND to an address.",
            params: [address, ParamSpec("nat", .amount, required: false), ParamSpec("und", .amount, required: false)],
            result: "object {address, nat, und}", errors: [RPCErrorCode.invalidParams]) { node, p throws(RPCError) in
            try node.withLedger { ledger throws(RPCError) in try ledger.faucet(p) }
        },
        RPCMethod(name: "nat_getBalance", summary: "NAT balance of an address in wei (a decimal string).",
            params: [address], result: "amount", errors: [RPCErrorCode.invalidParams]) { node, p throws(RPCError) in
            let a = try p.string("address")
            return node.withLedger { Amount.wire($0.balance(a)) }
        },
        RPCMethod(name: "nat_getNonce", summary: "The next nonce an address must use (0 for unknown addresses).",
            params: [address], result: "integer", errors: [RPCErrorCode.invalidParams]) { node, p throws(RPCError) in
            let a = try p.string("address")
            return node.withLedger { .int($0.nonces[a] ?? 0) }
        },
        RPCMethod(name: "nat_sendTransaction", summary: "Includes a signed transaction and returns its receipt (status success or reverted).",
            params: [ParamSpec("envelope", .object), ParamSpec("signature", .string)], result: "receipt",
            errors: [RPCErrorCode.invalidParams] + Array(RPCErrorCode.badSignature...RPCErrorCode.unknownCall)) { node, p throws(RPCError) in
            // Ed25519 and the canonical envelope before the lock; the receipt's JSON after it.
            let check = SignatureCheck(p)
            return try node.withLedger { ledger throws(RPCError) in try ledger.submit(p, check: check) }.json
        },
        RPCMethod(name: "nat_getReceipt", summary: "The receipt of an included transaction by hash.",
            params: [ParamSpec("hash", .string)], result: "receipt", errors: [RPCErrorCode.unknownTransaction]) { node, p throws(RPCError) in
            let hash = try p.string("hash")
            return try node.withLedger { ledger throws(RPCError) in
                guard let receipt = ledger.receipts[hash] else {
                    throw RPCError(code: RPCErrorCode.unknownTransaction,
                        message: "unknown transaction \(hash)" + ledger.receipts.droppedNote("--retain-transactions"))
                }
                return receipt
            }.json
        },
        RPCMethod(name: "nat_call", summary: "A read-only contract call; contract failures answer 1000 + code.",
            params: [ParamSpec("contract", .string), ParamSpec("method", .string), ParamSpec("args", .object, required: false)],
            result: "any", errors: [RPCErrorCode.methodNotFound, RPCErrorCode.invalidParams, 1000]) { node, p throws(RPCError) in
            try node.withLedger { ledger throws(RPCError) in try ledger.read(p) }
        },
        RPCMethod(name: "events_since", summary: "Events with seq >= `seq` (at most `limit`, default 1000), optionally filtered by type and resource.",
            params: [ParamSpec("seq", .integer), ParamSpec("limit", .integer, required: false), ParamSpec("filter", .object, required: false)],
            result: "object {events, next_seq}", errors: [RPCErrorCode.invalidParams]) { node, p throws(RPCError) in
            let since = try p.int("seq")
            let limit = try p.optionalInt("limit") ?? 1000
            guard since >= 0 else { throw invalidParams("params.seq: must be >= 0") }
            guard (1...10_000).contains(limit) else { throw invalidParams("params.limit: must be between 1 and 10000") }
            let filter = try Params(try p.object("filter"),
                specs: [ParamSpec("type", .string, required: false), ParamSpec("resource", .string, required: false)], path: "params.filter")
            let type = try filter.optionalString("type")
            let resource = try filter.optionalString("resource")
            let page = try node.withLedger { ledger throws(RPCError) in
                try ledger.events.query(since: since, limit: Int(limit), type: type, resource: resource)
            }
            return ["events": .array(page.events.map(\.json)), "next_seq": .int(page.nextSeq)]
        },
    ]

    static let discover = RPCMethod(name: "rpc.discover", summary: "This API as an OpenRPC document.", params: [],
        result: "OpenRPC document", errors: []) { node, _ in OpenRPC.document(for: node.options) }

    static let table: [String: RPCMethod] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
}

extension DevnetNode {
    var info: JSON {
        var o: [String: JSON] = [
            "chain_id": .string(genesis.chainID), "underlying_chain_id": .string(genesis.underlyingChainID),
            "genesis_hash": .string(genesisHash), "attestor": .string(attestorKey.address),
            "admin": .string(adminKey.address), "gas_price": Amount.wire(genesis.gasPrice),
            "contracts": ["native": "native", "deployer": "deployer", "asset_manager": "asset_manager", "fund": "fund", "scheduler": "scheduler"],
            "kafka": kafka.map { .string($0.bootstrapServers) } ?? .null,
        ]
        // Present only while a fault or planted bug is active, so a run can tell it is not testing a sound node.
        let faults = ledger.withLock { $0.faultsActive ? $0.faultState : nil }
        if let faults { o["faults"] = faults }
        return .object(o)
    }
}

extension Ledger {
    static let defaultFaucetNat = 1000 * Units.nat

    func faucet(_ p: Params) throws(RPCError) -> JSON {
        let address = try p.string("address")
        let nat = try p.optionalAmount("nat") ?? (p.has("und") ? 0 : Self.defaultFaucetNat)
        let und = try p.optionalAmount("und") ?? 0
        guard nat <= genesis.faucetLimitNat else { throw invalidParams("params.nat: at most \(genesis.faucetLimitNat) wei per call") }
        guard und <= genesis.faucetLimitUnd else { throw invalidParams("params.und: at most \(genesis.faucetLimitUnd) drops per call") }
        // Issuance bounds every balance, so checking it keeps all later arithmetic in range.
        let natTotal = try natIssued.adding(nat, or: invalidParams("params.nat: total NAT issued would overflow a 128-bit amount"))
        let undTotal = try undIssued.adding(und, or: invalidParams("params.und: total UND issued would overflow a 128-bit amount"))
        let undAddress = "u" + address.dropFirst()
        guard canCredit(address, nat) else { throw invalidParams("params.nat: the NAT balance would overflow a 128-bit amount") }
        guard underlying.canCredit(undAddress, und) else {
            throw invalidParams("params.und: the UND balance would overflow a 128-bit amount")
        }
        credit(address, nat)
        natIssued = natTotal
        if und > 0 { underlying.credit(undAddress, und) }
        undIssued = undTotal
        events.stage(type: "FaucetFunded", resource: address, timestamp: clock(),
            data: ["address": .string(address), "nat": Amount.wire(nat), "und": Amount.wire(und)])
        events.commit()
        return ["address": .string(address), "nat": Amount.wire(nat), "und": Amount.wire(und)]
    }
}
