import Networks

/// Inclusion of signed transactions (SPEC 1-3): validation refuses with 2000-2099 or
/// -32602 and changes nothing; a valid transaction is included in its own block, pays
/// its gas, and either succeeds or reverts.
extension Ledger {
    static let envelopeSpecs = [
        ParamSpec("chain_id", .string), ParamSpec("from", .address(.native)),
        ParamSpec("nonce", .integer), ParamSpec("call", .object),
    ]
    static let callSpecs = [ParamSpec("contract", .string), ParamSpec("method", .string), ParamSpec("args", .object, required: false)]

    /// `check` is the signature's check made before the lock (`SignatureCheck`); without it
    /// the ledger makes it here.
    func submit(_ params: Params, check precomputed: SignatureCheck? = nil) throws(RPCError) -> Receipt {
        let envelopeJSON = try params.object("envelope") ?? .null
        let envelope = try Params(envelopeJSON, specs: Self.envelopeSpecs, path: "params.envelope")
        let signature = try params.string("signature")
        let chainID = try envelope.string("chain_id")
        let from = try envelope.string("from")
        let nonce = try envelope.int("nonce")
        let call = try Params(try envelope.object("call"), specs: Self.callSpecs, path: "params.envelope.call")
        let contract = try call.string("contract")
        let methodName = try call.string("method")

        guard chainID == genesis.chainID || !enforces(.txWrongChainID) else {
            throw refused(RPCErrorCode.wrongChainID, "wrong chain id \"\(chainID)\"; this chain is \"\(genesis.chainID)\"",
                ["expected": .string(genesis.chainID)])
        }
        guard let expectedNonce = nonces[from] ?? (enforces(.txUnknownSender) ? nil : 0) else {
            throw refused(RPCErrorCode.unknownSender, "unknown sender \(from): the account has never been funded")
        }
        let check = precomputed ?? SignatureCheck(envelope: envelopeJSON, signature: signature, from: from)
        if enforces(.txBadSignature) {
            guard check.isWellFormed else {
                throw refused(RPCErrorCode.badSignature, "malformed signature: expected 128 lowercase hex characters")
            }
            guard check.isValid else {
                throw refused(RPCErrorCode.badSignature, "bad signature: not made by \(from) over the canonical envelope")
            }
        }
        let nonceRule: RefusalRule = nonce < expectedNonce ? .txReplayedNonce : .txNonceGap
        guard nonce == expectedNonce || !enforces(nonceRule) else {
            let kind = nonce < expectedNonce ? "replayed" : "gap in"
            throw refused(RPCErrorCode.wrongNonce, "\(kind) nonce: got \(nonce), the account's next nonce is \(expectedNonce)",
                ["expected": .int(expectedNonce), "got": .int(nonce)])
        }
        guard let interface = interface(for: contract), let method = interface.writes[methodName] else {
            throw refused(RPCErrorCode.unknownCall, "unknown call \(contract).\(methodName)")
        }
        let args = try Params(try call.object("args"), specs: method.params, path: "params.envelope.call.args")
        let action = try method.bind(args)
        let callName = "\(interface.plantName).\(method.name)"
        let gas = plants.gas(for: callName, base: method.gas)
        let value = try method.valueParam.map { name throws(RPCError) in try args.amount(name) } ?? 0
        let (fee, feeOverflow) = Int128(gas).multipliedReportingOverflow(by: genesis.gasPrice)
        func insufficient() -> RPCError {
            refused(RPCErrorCode.insufficientFunds,
                "insufficient funds: \(from) has \(balance(from)) wei, needs "
                    + (feeOverflow ? "\(gas) gas × \(genesis.gasPrice) wei" : "\(fee)") + " for gas" + (value > 0 ? " + \(value) offered" : ""),
                ["balance": Amount.wire(balance(from)), "gas_fee": feeOverflow ? .null : Amount.wire(fee), "value": Amount.wire(value)])
        }
        // A fee or offer so large that the sum overflows cannot be covered either.
        guard !feeOverflow else { throw insufficient() }
        let needed = try fee.adding(value, or: insufficient())
        // Skipping the funds rule (a planted bug) may leave a balance negative, never out of range.
        guard balance(from) >= needed || (!enforces(.txInsufficientFunds) && !balance(from).subtractingReportingOverflow(needed).overflow)
        else { throw insufficient() }
        guard expectedNonce < Int64.max, block < Int64.max else {
            throw refused(RPCErrorCode.wrongNonce, "the account's nonce or the block number is exhausted")
        }
        return include(hash: check.hash, from: from, call: callName, gas: gas, fee: fee, contract: contract,
            action: action)
    }

    private func include(hash: String, from: String, call: String, gas: Int64, fee: Int128, contract: String, action: Action) -> Receipt {
        block += 1
        let now = clock()
        nonces[from, default: 0] += 1
        debit(from, fee)
        plants.recordUse(call)
        let execution = Execution(ledger: self, sender: from, contract: contract, blockTime: now)
        let receipt: Receipt
        do {
            let result = try action(execution)
            receipt = Receipt(hash: hash, block: block, timestamp: now, status: .success, gasUsed: gas, fee: fee,
                result: options.strictSpec ? StrictProfile.writeResult(call, result) : result, error: nil, events: events.commit())
        } catch {
            events.discardStaged()
            receipt = Receipt(hash: hash, block: block, timestamp: now, status: .reverted, gasUsed: gas, fee: fee,
                result: nil, error: error, events: [])
        }
        for old in receipts.insert(receipt, for: hash) { droppedReceiptFees += old.fee }
        return receipt
    }

    /// Runs a read-only call; nothing it does is kept.
    func read(_ params: Params) throws(RPCError) -> JSON {
        let contract = try params.string("contract")
        let methodName = try params.string("method")
        guard let interface = interface(for: contract), let method = interface.reads[methodName] else {
            throw RPCError(code: RPCErrorCode.methodNotFound, message: "unknown read \(contract).\(methodName)")
        }
        let args = try Params(try params.object("args"), specs: method.params, path: "params.args")
        let action = try method.bind(args)
        let result: JSON
        do { result = try action(self, contract) } catch { throw error.rpcError }
        return options.strictSpec ? StrictProfile.readResult("\(interface.plantName).\(method.name)", result) : result
    }

    func refused(_ code: Int, _ message: String, _ data: [String: JSON]? = nil) -> RPCError {
        RPCError(code: code, message: "transaction refused: \(message)", data: data.map { .object($0) })
    }
}
