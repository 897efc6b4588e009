import Networks

/// SPEC 3 restated on the test side, so expectations never come from the code under test.
enum Spec {
    static let gasPrice: Int128 = 25_000_000_000
    static let transferGas: Int64 = 21_000
    static let deployGas: Int64 = 500_000
    static let adminGas: Int64 = 40_000
    static let registerGas: Int64 = 80_000
    /// What `devnet_faucet` credits when told no amount: 1000 NAT.
    static let defaultFaucet: Int128 = 1000 * Units.nat

    static func fee(gas: Int64) -> Int128 { Int128(gas) * gasPrice }

    static let int128Max = "170141183460469231731687303715884105727"
    static let int128MaxPlusOne = "170141183460469231731687303715884105728"

    /// Every method `rpc.discover` must list (SPEC 3 and 5, plus the discovery method itself).
    static let methods: Set<String> = [
        "devnet_info", "devnet_faucet", "nat_getBalance", "nat_getNonce", "nat_sendTransaction",
        "nat_getReceipt", "nat_call", "events_since", "rpc.discover",
        "und_getBalance", "und_getSequence", "und_sendPayment", "und_setDepositBlocked", "und_getTransaction",
        "und_getPaymentProof",
    ]
}
