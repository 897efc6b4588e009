import Networks

/// `asset_manager` writes (SPEC 6): collateral reservations, mintings against payment
/// proofs, redemptions and their defaults.
enum AssetManagerContract {
    typealias E = AssetManagerError

    static let interface = ContractInterface(name: "asset_manager", writes: writes, reads: AssetManagerReads.methods)

    static let proofSpecs = [
        ParamSpec("tx_hash", .string), ParamSpec("from", .address(.underlying)), ParamSpec("to", .address(.underlying)),
        ParamSpec("amount", .amount), ParamSpec("reference", .string, required: false), ParamSpec("timestamp", .integer),
        ParamSpec("signature", .string),
    ]

    static func write(
        _ name: String, gas: Int64, _ params: [ParamSpec],
        _ body: @escaping @Sendable (Params) throws(RPCError) -> (AssetLedger, Execution) throws(ContractError) -> JSON
    ) -> WriteMethod {
        WriteMethod(name: name, gas: gas, params: params) { p throws(RPCError) in
            let run = try body(p)
            return { x throws(ContractError) in try run(x.ledger.asset, x) }
        }
    }

    static func checked(_ r: (partialValue: Int128, overflow: Bool)) throws(ContractError) -> Int128 {
        guard !r.overflow else { throw E.overflow }
        return r.partialValue
    }

    static let writes: [WriteMethod] = [
        write("reserve_collateral", gas: 150_000, [
            ParamSpec("agent", .address(.native)), ParamSpec("lots", .integer), ParamSpec("max_minting_fee_bips", .integer),
        ]) { p throws(RPCError) in
            let agentID = try p.string("agent")
            let lots = try p.int("lots")
            let maxFee = try p.int("max_minting_fee_bips")
            return { a, x throws(ContractError) in try reserve(a, x, agentID: agentID, lots: lots, maxFee: maxFee) }
        },
        write("execute_minting", gas: 200_000, [ParamSpec("reservation_id", .integer), ParamSpec("proof", .object)]) { p throws(RPCError) in
            let id = try p.int("reservation_id")
            let proofJSON = try p.object("proof") ?? .null
            let proof = try Params(proofJSON, specs: proofSpecs, path: "params.envelope.call.args.proof")
            let payment = PaymentClaim(txHash: try proof.string("tx_hash"), to: try proof.string("to"), amount: try proof.amount("amount"),
                reference: try proof.optionalString("reference"), signature: try proof.string("signature"))
            guard case .object(var unsigned) = proofJSON else { throw invalidParams("params.envelope.call.args.proof: expected an object") }
            unsigned["signature"] = nil
            let message = JSON.object(unsigned).canonicalBytes
            return { a, x throws(ContractError) in try execute(a, x, id: id, payment: payment, message: message) }
        },
        write("redeem", gas: 180_000, [ParamSpec("lots", .integer), ParamSpec("agent", .address(.native), required: false)]) {
            p throws(RPCError) in
            let lots = try p.int("lots")
            let named = try p.optionalString("agent")
            return { a, x throws(ContractError) in try redeem(a, x, lots: lots, named: named) }
        },
        write("redemption_payment_default", gas: 160_000, [ParamSpec("request_id", .integer)]) { p throws(RPCError) in
            let id = try p.int("request_id")
            return { a, x throws(ContractError) in try paymentDefault(a, x, id: id) }
        },
        AgentAdmin.createAgent,
    ]
}
