import Devnet
import Networks
import Testing

/// Gas (SPEC 3): `fee = gas_used × 25_000_000_000` wei, fixed gas per call, reported in receipts.
@Suite("Devnet gas accounting")
struct GasAccountingTests {
    @Test("devnet_info reports the chain id, admin and the SPEC gas price")
    func info() async throws {
        let t = try TestNode()
        let info = try await t.chain.info()
        #expect(info.chainID == Genesis.default.chainID)
        #expect(info.admin == t.node.adminKey.address)
        #expect(info.gasPrice == Spec.gasPrice)
        #expect(info.contracts["native"] != nil && info.contracts["deployer"] != nil, "well-known contracts \(info.contracts)")
    }

    @Test("the faucet credits 1000 NAT by default, or the amounts it is told")
    func faucet() async throws {
        let t = try TestNode()
        let a = try TestKeys.key(0x10).address
        let b = try TestKeys.key(0x11).address
        let c = try TestKeys.key(0x12).address
        #expect(try await t.chain.balance(of: a) == 0, "unknown addresses have balance 0")
        #expect(try await t.chain.nonce(of: a) == 0, "unknown addresses have nonce 0")
        let result = try await t.chain.faucet(a)
        #expect(result == ["address": .string(a), "nat": Amount.wire(Spec.defaultFaucet), "und": "0"])
        try await t.chain.faucet(b, nat: 12_345)
        try await t.chain.faucet(b, nat: 5)
        try await t.chain.faucet(c, und: 7)
        #expect(try await t.chain.balance(of: a) == Spec.defaultFaucet)
        #expect(try await t.chain.balance(of: b) == 12_350, "faucet credits add up")
        #expect(try await t.chain.balance(of: c) == 0, "asking only for UND credits no NAT")
        #expect(try await t.chain.nonce(of: b) == 0, "the faucet does not touch nonces")
    }

    @Test("native.transfer costs exactly 21_000 × 25 gwei and moves the amount")
    func transfer() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        let bob = try TestKeys.bob().address
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let receipt = try await t.submit(TestNode.transfer(to: bob, amount: "1000000000000000000"), by: alice)
        #expect(Spec.fee(gas: Spec.transferGas) == 525_000_000_000_000, "the SPEC figure itself")
        #expect(receipt.status == .success)
        #expect(receipt.gasUsed == Spec.transferGas)
        #expect(receipt.fee == Spec.fee(gas: Spec.transferGas))
        #expect(try await t.chain.balance(of: alice.address) == Spec.defaultFaucet - Units.nat - 525_000_000_000_000)
        #expect(try await t.chain.balance(of: bob) == Units.nat)
        #expect(try await t.chain.nonce(of: alice.address) == 1)
        #expect(try await t.chain.nonce(of: bob) == 0, "receiving does not use a nonce")
    }

    @Test("deployer.deploy costs 500_000 gas and returns the new contract id")
    func deploy() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let receipt = try await t.submit(Call(contract: "deployer", method: "deploy", args: ["kind": "creator_keys"]), by: alice)
        #expect(receipt.status == .success)
        #expect(receipt.gasUsed == Spec.deployGas)
        #expect(receipt.fee == Spec.fee(gas: Spec.deployGas))
        let id = try #require(receipt.result?["contract"]?.stringValue, "result \(String(describing: receipt.result))")
        #expect(AddressKind.contract.matches(id), "contract id \(id)")
        #expect(try await t.chain.balance(of: alice.address) == Spec.defaultFaucet - 12_500_000_000_000_000)
    }

    @Test("admin setters cost 40_000 gas and register_creator 80_000")
    func creatorKeysGas() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let id = try await t.deployCreatorKeys(by: alice)
        let setPrice = try await t.submit(Call(contract: id, method: "set_key_price", args: ["price": "1000"]), by: alice)
        #expect(setPrice.status == .success && setPrice.gasUsed == Spec.adminGas && setPrice.fee == Spec.fee(gas: Spec.adminGas),
            "set_key_price receipt \(setPrice.json)")
        let register = try await t.submit(Call(contract: id, method: "register_creator", args: ["handle": "alice"]), by: alice)
        #expect(register.status == .success && register.gasUsed == Spec.registerGas && register.fee == Spec.fee(gas: Spec.registerGas),
            "register_creator receipt \(register.json)")
        let spent = Spec.fee(gas: Spec.deployGas) + Spec.fee(gas: Spec.adminGas) + Spec.fee(gas: Spec.registerGas)
        #expect(try await t.chain.balance(of: alice.address) == Spec.defaultFaucet - spent)
    }

    @Test("a genesis gas price changes every fee accordingly")
    func customGasPrice() async throws {
        var genesis = Genesis()
        genesis.gasPrice = 7
        let t = try TestNode(genesis: genesis)
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: 1_000_000)
        let receipt = try await t.submit(TestNode.transfer(to: try TestKeys.bob().address, amount: "1"), by: alice)
        #expect(receipt.fee == 7 * 21_000)
        #expect(try await t.chain.balance(of: alice.address) == 1_000_000 - 147_000 - 1)
    }

    @Test("receipts carry hash, block, timestamp and status; blocks count up one per transaction")
    func receiptFields() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        let bob = try TestKeys.bob().address
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let env0 = t.envelope(from: alice, nonce: 0, call: TestNode.transfer(to: bob, amount: "1"))
        let raw = try await t.send(envelope: env0, signedBy: alice)
        let first = try Receipt(json: raw)
        let second = try await t.submit(TestNode.transfer(to: bob, amount: "2"), by: alice)
        #expect(first.hash == alice.sign(envelope: env0).hash, "the hash is SHA-256 of the canonical envelope")
        #expect(first.block == 1 && second.block == 2, "blocks \(first.block), \(second.block)")
        #expect(first.timestamp == TestNode.time)
        #expect(raw["status"] == "success")
        #expect(raw["fee"] == Amount.wire(Spec.fee(gas: Spec.transferGas)), "fee is a decimal string")
        #expect(raw["error"] == nil, "a successful receipt has no error")
        #expect(first.events.map(\.type) == ["Transfer"])
    }

    @Test("nat_getReceipt returns the receipt nat_sendTransaction returned")
    func getReceipt() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let env = t.envelope(from: alice, nonce: 0, call: TestNode.transfer(to: try TestKeys.bob().address, amount: "1"))
        let sent = try await t.send(envelope: env, signedBy: alice)
        let hash = try #require(sent["hash"]?.stringValue)
        #expect(try await t.rpc.call("nat_getReceipt", ["hash": .string(hash)]) == sent)
    }

    @Test("an unknown transaction hash answers 2006")
    func unknownReceipt() async throws {
        let t = try TestNode()
        let hash = String(repeating: "ab", count: 32)
        await expectRPCError(RPCErrorCode.unknownTransaction, "unknown hash") { try await t.chain.receipt(hash) }
        await expectRPCError(RPCErrorCode.unknownTransaction, "empty hash") { try await t.chain.receipt("") }
    }

    @Test("a refused transaction has no receipt")
    func refusedHasNoReceipt() async throws {
        let t = try TestNode()
        let alice = try TestKeys.alice()
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let signed = alice.sign(envelope: t.envelope(from: alice, nonce: 3, call: TestNode.transfer(to: try TestKeys.bob().address, amount: "1")))
        await expectRPCError(RPCErrorCode.wrongNonce, "nonce gap") { try await t.chain.send(signed) }
        await expectRPCError(RPCErrorCode.unknownTransaction, "receipt of the refused transaction") { try await t.chain.receipt(signed.hash) }
    }
}
