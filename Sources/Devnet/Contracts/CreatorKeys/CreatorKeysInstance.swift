import Networks

/// The state of one creator-keys instance (SPEC 4).
final class CreatorKeysInstance {
    let id: String
    let admin: String
    var keyPrice: Int128?
    var feeConfig: FeeConfig?
    var curve: CurveKind = .flat
    var slope: Int128 = 0
    var paused = false
    /// The instance's clock for its events, when set.
    var testTimestamp: Int64?
    var handles: [String: String] = [:]
    var supply: [String: Int128] = [:]
    /// Key balances by creator, then holder.
    var keyBalances: [String: [String: Int128]] = [:]
    var creatorFeeBalances: [String: Int128] = [:]
    var treasury: Int128 = 0
    var reserve: Int128 = 0

    init(id: String, admin: String) {
        self.id = id
        self.admin = admin
    }

    func keyBalance(creator: String, holder: String) -> Int128 { keyBalances[creator]?[holder] ?? 0 }

    /// The time this instance stamps on its events.
    func eventTime(_ x: Execution) -> Int64 { testTimestamp ?? x.blockTime }
}

/// A valid fee split: shares of the price in basis points.
struct FeeConfig: Equatable {
    let creatorBps: Int64
    let protocolBps: Int64

    var json: JSON { ["creator_bps": .int(creatorBps), "protocol_bps": .int(protocolBps)] }
}
