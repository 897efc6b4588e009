import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 2: an invalid transaction is refused with a JSON-RPC error in 2000-2099.
let refusalCodes = 2000...2099

/// A signed native transaction built by hand, so a test can break one rule at a time.
func nativeTransaction(
    key: KeyPair, chainID: String, from: String? = nil, nonce: Int64, call: Call
) -> SignedTransaction {
    key.sign(envelope: NativeEnvelope(chainID: chainID, from: from ?? key.address, nonce: nonce, call: call).json)
}

/// A signed underlying payment built by hand (SPEC 1's underlying envelope).
func underlyingPayment(
    key: KeyPair, chainID: String, sequence: Int64, to: String, amount: JSON, reference: String? = nil
) -> SignedTransaction {
    var payment: [String: JSON] = ["to": .string(to), "amount": amount]
    if let reference { payment["reference"] = .string(reference) }
    return key.sign(envelope: ["chain_id": .string(chainID), "from": .string(key.underlyingAddress), "sequence": .int(sequence),
        "payment": .object(payment)])
}

/// What a refused write must leave as it was: the nonces, sequences and balances of the
/// accounts it touches.
struct LedgerView: Equatable, CustomStringConvertible {
    var nonces: [String: Int64] = [:]
    var nat: [String: Int128] = [:]
    var sequences: [String: Int64] = [:]
    var und: [String: Int128] = [:]

    static func read(_ node: Node, native: [String] = [], underlying: [String] = []) async throws -> LedgerView {
        var view = LedgerView()
        for address in native {
            view.nonces[address] = try await node.chain.nonce(of: address)
            view.nat[address] = try await node.nat(address)
        }
        for address in underlying {
            view.sequences[address] = try await node.underlying.sequence(of: address)
            view.und[address] = try await node.und(address)
        }
        return view
    }

    var description: String { "nonces \(nonces), NAT \(nat), sequences \(sequences), UND \(und)" }
}

/// Runs `write`, which the node must refuse with a code in 2000-2099 (SPEC 2), and checks that
/// the accounts named are unchanged. Returns the error.
@discardableResult
func expectRefused(
    _ what: String, node: Node, native: [String] = [], underlying: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation, _ write: () async throws -> Void
) async throws -> RPCError? {
    let before = try await LedgerView.read(node, native: native, underlying: underlying)
    var refusal: RPCError?
    do {
        try await write()
        Issue.record("\(what) was accepted; SPEC 2 refuses it with an error in 2000-2099", sourceLocation: sourceLocation)
    } catch let error as RPCError {
        refusal = error
        #expect(refusalCodes.contains(error.code), "\(what): refused with \(error), not a code in 2000-2099", sourceLocation: sourceLocation)
    }
    let after = try await LedgerView.read(node, native: native, underlying: underlying)
    #expect(after == before, "\(what) changed state: before \(before), after \(after)", sourceLocation: sourceLocation)
    return refusal
}

/// Runs `body`, which must fail with JSON-RPC error `code`.
@discardableResult
func expectRPCError(
    _ code: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> RPCError? {
    do {
        try await body()
        Issue.record("\(what) was answered; SPEC expects JSON-RPC error \(code)", sourceLocation: sourceLocation)
        return nil
    } catch let error as RPCError {
        #expect(error.code == code, "\(what): got \(error), SPEC expects code \(code)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("\(what): failed with \(error) instead of JSON-RPC error \(code)", sourceLocation: sourceLocation)
        return nil
    }
}
