import Networks
import Testing

/// Amounts a person reads are whole units with their symbol; base units stay exact beside them.
@Suite("Amounts in whole units")
struct AssetFormatTests {
    @Test("amounts format with thousands separators, significant decimals only, and the symbol", arguments: [
        (Asset.nat, Int128(12_347_469_000_000_000_000_000), "12,347.469 NAT"),
        (.nat, 1_234_500_000_000_000_000_000, "1,234.5 NAT"),
        (.nat, 525_000_000_000_000, "0.000525 NAT"),
        (.nat, 1, "0.000000000000000001 NAT"),
        (.nat, 0, "0 NAT"),
        (.und, 10_000_000, "10 UND"),
        (.und, -12, "-0.000012 UND"),
        (.fund, 3_000_000, "3 FUND"),
        (.fund, 1_000_000_000_000, "1,000,000 FUND"),
        (.nat, Int128.max, "170,141,183,460,469,231,731.687303715884105727 NAT"),
        (.nat, Int128.min, "-170,141,183,460,469,231,731.687303715884105728 NAT"),
    ])
    func format(asset: Asset, amount: Int128, text: String) {
        #expect(asset.format(amount) == text)
    }

    @Test("describe puts the base units beside the whole units")
    func describe() {
        #expect(Asset.nat.describe(12_347_469_000_000_000_000_000) == "12,347.469 NAT (12347469000000000000000 wei)")
        #expect(Asset.und.describe(12) == "0.000012 UND (12 drop)")
    }

    @Test("SPEC 3's gas table is restated for every call it names", arguments: [
        (SpecGas.ContractKind.native, "transfer", Int64(21_000)), (.deployer, "deploy", 500_000), (.creatorKeys, "set_fee_config", 40_000),
        (.creatorKeys, "register_creator", 80_000), (.creatorKeys, "buy_key", 120_000), (.creatorKeys, "sell_key", 110_000),
        (.assetManager, "reserve_collateral", 150_000), (.assetManager, "execute_minting", 200_000), (.assetManager, "redeem", 180_000),
        (.assetManager, "redemption_payment_default", 160_000), (.pool, "enter", 120_000), (.pool, "exit", 130_000),
        (.pool, "withdraw_fees", 90_000), (.pool, "transfer", 60_000), (.scheduler, "create_tag", 40_000),
    ])
    func gas(kind: SpecGas.ContractKind, method: String, gas: Int64) {
        #expect(SpecGas.gas(kind, method) == gas)
        #expect(SpecGas.fee(kind, method) == Int128(gas) * 25_000_000_000)
    }

    @Test("a call SPEC names no gas for has none")
    func unknownGas() {
        #expect(SpecGas.gas(.fund, "transfer") == nil)
        #expect(SpecGas.gas(.native, "deploy") == nil)
    }
}
