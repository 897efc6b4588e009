import Devnet
import Networks
import Testing

/// Genesis documents: every field optional, a wrong one refused with a message naming it.
@Suite("Devnet genesis")
struct GenesisTests {
    static let address = "n" + String(repeating: "1", count: 64)

    @Test(
        "a bad field throws GenesisError naming its path",
        arguments: [
            (#"{"chain_id": 1}"#, "genesis.chain_id"),
            (#"{"chain_id": ""}"#, "genesis.chain_id"),
            (#"{"chain_id": null}"#, "genesis.chain_id"),
            (#"{"chain_id": "\#(String(repeating: "x", count: 65))"}"#, "genesis.chain_id"),
            (#"{"gas_price": "0"}"#, "genesis.gas_price"),
            (#"{"gas_price": 25000000000}"#, "genesis.gas_price"),
            (#"{"gas_price": "-1"}"#, "genesis.gas_price"),
            (#"{"gas_price": "1.5"}"#, "genesis.gas_price"),
            (#"{"faucet_limit_nat": "abc"}"#, "genesis.faucet_limit_nat"),
            (#"{"faucet_limit_und": 5}"#, "genesis.faucet_limit_und"),
            (#"{"accounts": {}}"#, "genesis.accounts"),
            (#"{"accounts": "n00"}"#, "genesis.accounts"),
            (#"{"accounts": [1]}"#, "genesis.accounts[0]"),
            (#"{"accounts": [{"address": "\#(address)"}, {"address": "n123"}]}"#, "genesis.accounts[1].address"),
            (#"{"accounts": [{"address": "\#(address)"}, {"nat": "1"}]}"#, "genesis.accounts[1].address"),
            (#"{"accounts": [{"address": "\#(address)", "nat": "-5"}]}"#, "genesis.accounts[0].nat"),
            (#"{"accounts": [{"address": "\#(address)", "nat": 5}]}"#, "genesis.accounts[0].nat"),
            (#"{"accounts": [{"address": "\#(address)", "und": "x"}]}"#, "genesis.accounts[0].und"),
            (#"{"chainid": "x"}"#, "genesis.chainid"),
            (#"{"chain_id": "ok", "extra": 1}"#, "genesis.extra"),
            ("[]", "genesis"),
        ])
    func badField(text: String, path: String) throws {
        let json = try JSON.parse(text)
        let error = #expect(throws: GenesisError.self, "\(text)") { try Genesis(json: json) }
        #expect(error?.description.hasPrefix(path) == true, "\(text): message must start with \(path): \(String(describing: error))")
    }

    @Test("an unknown field inside an account is refused")
    func unknownAccountField() throws {
        let json = try JSON.parse(#"{"accounts": [{"address": "\#(Self.address)", "balance": "5"}]}"#)
        let error = #expect(throws: GenesisError.self) { try Genesis(json: json) }
        #expect(error?.description.contains("genesis.accounts[0].balance") == true, "message \(String(describing: error))")
    }

    @Test("bytes that are not JSON are refused", arguments: ["", "chain_id = 1", #"{"chain_id": "a",}"#, "\u{FEFF}{}"])
    func notJSON(text: String) {
        let error = #expect(throws: GenesisError.self) { try Genesis(contentsOf: Array(text.utf8)) }
        #expect(error?.description.hasPrefix("genesis") == true, "message \(String(describing: error))")
    }

    @Test("an empty document is the default genesis")
    func emptyIsDefault() throws {
        #expect(try Genesis(contentsOf: Array("{}".utf8)) == Genesis.default)
        #expect(Genesis.default.chainID == "ledgerqa-devnet-1")
        #expect(Genesis.default.gasPrice == Spec.gasPrice)
    }

    @Test("a genesis reads back from its own JSON")
    func roundTrip() throws {
        var genesis = Genesis()
        genesis.chainID = "round-trip"
        genesis.gasPrice = 3
        let back = try Genesis(json: genesis.json)
        #expect(back == genesis)
    }

    @Test("a valid genesis with an allocation funds that account, which can send at once")
    func allocation() async throws {
        let alice = try TestKeys.alice()
        let text = #"{"chain_id": "alloc-1", "gas_price": "2", "accounts": [{"address": "\#(alice.address)", "nat": "1000000"}]}"#
        let genesis = try Genesis(contentsOf: Array(text.utf8))
        #expect(genesis.chainID == "alloc-1" && genesis.gasPrice == 2, "parsed \(genesis)")
        let t = try TestNode(genesis: genesis)
        #expect(try await t.chain.balance(of: alice.address) == 1_000_000)
        #expect(try await t.chain.nonce(of: alice.address) == 0)
        #expect(try await t.chain.info().chainID == "alloc-1")
        let receipt = try await t.submit(TestNode.transfer(to: try TestKeys.bob().address, amount: "1"), by: alice)
        #expect(receipt.status == .success && receipt.fee == 42_000, "receipt \(receipt.json)")
        #expect(try await t.chain.events(since: 1).events.map(\.seq) == [1], "genesis allocations are not events; the transfer is seq 1")
    }

    @Test("a transaction for the default chain id is refused by a node with another one")
    func chainIDFromGenesis() async throws {
        let alice = try TestKeys.alice()
        var genesis = Genesis()
        genesis.chainID = "other-chain"
        let t = try TestNode(genesis: genesis)
        try await t.fund(alice.address, nat: Spec.defaultFaucet)
        let env = t.envelope(from: alice, nonce: 0, call: TestNode.transfer(to: alice.address, amount: "1"), chainID: "ledgerqa-devnet-1")
        await expectRPCError(RPCErrorCode.wrongChainID, "default chain id on other-chain") { try await t.send(envelope: env, signedBy: alice) }
    }
}
