import Devnet
import Networks
import Testing

/// A genesis gas price so large that `gas × gas_price` overflows Int128 must not bring the
/// node down: either the genesis is refused or the transaction is (2003, it cannot be paid).
/// Run as an exit test, so a trap fails this test instead of the whole run.
@Suite("Devnet gas price overflow")
struct GasPriceOverflowTests {
    @Test("a fee that overflows Int128 is refused, never a crash")
    func hugeGasPrice() async {
        await #expect(processExitsWith: .success, "the node trapped on gas × gas_price") {
            let alice = try TestKeys.alice()
            let text = #"{"gas_price": "170141183460469231731687303715884105727"}"#
            let genesis: Genesis
            do {
                genesis = try Genesis(contentsOf: Array(text.utf8))
            } catch {
                #expect(String(describing: error).hasPrefix("genesis.gas_price"), "a refusal must name the field: \(error)")
                return
            }
            let t = try TestNode(genesis: genesis)
            try await t.fund(alice.address, nat: Spec.defaultFaucet)
            let before = try await t.snapshot([alice.address])
            await expectRPCError(RPCErrorCode.insufficientFunds, "transfer at gas price Int128.max") {
                try await t.submit(TestNode.transfer(to: try TestKeys.bob().address, amount: "1"), by: alice)
            }
            #expect(try await t.snapshot([alice.address]) == before)
        }
    }
}
