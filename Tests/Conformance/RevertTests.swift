import Fixtures
import Foundation
import Networks
import Testing

/// SPEC 2: a valid transaction whose call fails is included and reverted: the nonce advances,
/// SPEC's gas is charged, nothing else changes, and the receipt says `reverted` with
/// `{contract, code, name}`. A failing read answers 1000 + the contract's code.
@Suite("Conformance: SPEC 2 reverted calls and read errors", .requiresFunding, .timeLimit(.minutes(5)))
struct RevertTests {
    /// A call that must revert, and the creator-keys error it must carry (nil: SPEC names no code).
    struct Failing: Sendable, CustomTestStringConvertible {
        let name: String
        let method: String
        let expected: CreatorKeysError
        let args: @Sendable (_ creator: String) -> [String: JSON]
        let byAdmin: Bool
        var testDescription: String { name }
    }

    static let failing: [Failing] = [
        Failing(name: "set_key_price by a non-admin", method: "set_key_price", expected: .unauthorized, args: { _ in ["price": "5"] },
            byAdmin: false),
        Failing(name: "buy_key of an unregistered creator", method: "buy_key", expected: .notRegistered,
            args: { _ in ["creator": .string(KeyPair().address), "payment": "100000000"] }, byAdmin: false),
        Failing(name: "sell_key without a key", method: "sell_key", expected: .insufficientBalance, args: { ["creator": .string($0)] },
            byAdmin: false),
        Failing(name: "register_creator of a 2-character handle", method: "register_creator", expected: .handleTooShort,
            args: { _ in ["handle": "ab"] }, byAdmin: false),
        Failing(name: "set_fee_config summing to 9,999", method: "set_fee_config", expected: .invalidFeeConfig,
            args: { _ in ["creator_bps": 5_000, "protocol_bps": 4_999] }, byAdmin: true),
    ]

    @Test("SPEC 2: a reverted call advances the nonce, charges SPEC's gas, changes nothing else and names its error", arguments: failing)
    func reverted(failing: Failing) async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.priced(node, price: 1_000_000)
        let creator = try await instance.creator("alice")
        let sender = failing.byAdmin ? instance.admin : try await node.account()
        let quoteBefore = try await instance.keys.buyQuote(creator: creator.address)
        let supplyBefore = try await instance.keys.totalKeySupply(creator: creator.address)
        let reserveBefore = try await instance.keys.reserveBalance()
        let nonce = try await node.chain.nonce(of: sender.address)
        let balance = try await node.nat(sender.address)

        let receipt = try await instance.send(failing.method, failing.args(creator.address), by: sender)
        expectReverted(receipt, failing.expected)
        #expect(try await node.chain.nonce(of: sender.address) == nonce + 1, "the nonce advanced")
        #expect(try await node.nat(sender.address) == balance - (try specFee(.creatorKeys, failing.method)), "only SPEC's gas was charged")
        #expect(!receipt.events.contains { $0.resource == instance.id }, "no event of the instance: \(receipt.events)")
        #expect(try await instance.keys.buyQuote(creator: creator.address) == quoteBefore, "pricing unchanged")
        #expect(try await instance.keys.totalKeySupply(creator: creator.address) == supplyBefore, "key supply unchanged")
        #expect(try await instance.keys.reserveBalance() == reserveBefore, "reserve unchanged")
        let stored = try await node.chain.receipt(receipt.hash)
        #expect(stored.status == .reverted && stored.error == receipt.error, "nat_getReceipt keeps the reverted receipt")
    }

    @Test("SPEC 2: a failing read answers 1000 + the contract's code with {contract, code, name} and changes nothing")
    func failingRead() async throws {
        let node = try await Node.connect()
        let instance = try await KeysInstance.deploy(node)
        let nonce = try await node.chain.nonce(of: instance.admin.address)
        let balance = try await node.nat(instance.admin.address)
        let error = await expectRPCError(1_000 + CreatorKeysError.keyPriceNotSet.rawValue, "get_key_price before set_key_price") {
            _ = try await node.chain.call(instance.call("get_key_price"))
        }
        let failure = error?.contractFailure
        #expect(failure?.code == CreatorKeysError.keyPriceNotSet.rawValue && failure?.name == "KeyPriceNotSet" && failure?.contract.isEmpty == false,
            "data: \(String(describing: error?.data))")
        await expectRPCError(1_000 + CreatorKeysError.feeConfigNotSet.rawValue, "get_fee_config before set_fee_config") {
            _ = try await node.chain.call(instance.call("get_fee_config"))
        }
        #expect(try await node.chain.nonce(of: instance.admin.address) == nonce, "a read uses no nonce")
        #expect(try await node.nat(instance.admin.address) == balance, "a read costs nothing")
    }
}
