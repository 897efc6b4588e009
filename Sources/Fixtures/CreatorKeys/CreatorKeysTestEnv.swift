public import Networks

/// A freshly deployed creator-keys instance with its admin: the seed's `contract_test_env`.
///
/// Every quote test deploys its own, so tests run in parallel on one shared network.
/// The instance is stamped with the test timestamp (`.testTimestamp(_:)`, else
/// `DEFAULT_TEST_TIMESTAMP`) so its events are the same on every run.
public struct CreatorKeysTestEnv: Sendable {
    public let connection: Connection
    public let keys: CreatorKeys
    public let admin: Account

    /// Deploys a new instance whose admin is a new funded account.
    public static func deploy(on connection: Connection? = nil) async throws -> CreatorKeysTestEnv {
        let connection = if let connection { connection } else { try await Network.shared.connection() }
        let admin = try await connection.newAccount()
        let keys = try await CreatorKeys.deploy(by: admin)
        try await keys.setTestTimestamp(TestTimestamp.effective, by: admin)
        return CreatorKeysTestEnv(connection: connection, keys: keys, admin: admin)
    }

    /// Sets price and fee split in one go (`set_pricing_and_fees`).
    public func setPricingAndFees(price: Int128, creatorBps: Int64, protocolBps: Int64) async throws {
        try await keys.setKeyPrice(price, by: admin)
        try await keys.setFeeConfig(creatorBps: creatorBps, protocolBps: protocolBps, by: admin)
    }

    /// Sets the key price only (`set_key_price_for_tests`).
    public func setKeyPrice(_ price: Int128) async throws { try await keys.setKeyPrice(price, by: admin) }

    /// Sets the fee split only (`set_protocol_fee_bps`).
    public func setFeeConfig(creatorBps: Int64, protocolBps: Int64) async throws {
        try await keys.setFeeConfig(creatorBps: creatorBps, protocolBps: protocolBps, by: admin)
    }

    /// Overrides the instance clock (`set_test_timestamp`).
    public func setTestTimestamp(_ timestamp: Int64) async throws { try await keys.setTestTimestamp(timestamp, by: admin) }

    /// A new funded account registered as a creator with `handle` (`register_test_creator`).
    public func registerTestCreator(_ handle: String, nat: Int128 = 1_000 * Units.nat) async throws -> Account {
        let creator = try await connection.newAccount(nat: nat)
        try await keys.registerCreator(handle: handle, by: creator)
        return creator
    }

    /// A new funded account (a buyer or holder).
    public func newAccount(nat: Int128 = 1_000 * Units.nat) async throws -> Account {
        try await connection.newAccount(nat: nat)
    }

    /// The same instance and admin, with their calls recorded into `transcript`.
    public func recording(into transcript: Transcript) -> CreatorKeysTestEnv {
        let recorded = connection.recording(into: transcript)
        return CreatorKeysTestEnv(
            connection: recorded, keys: CreatorKeys(id: keys.id, chain: recorded.chain),
            admin: Account(key: admin.key, chain: recorded.chain, chainID: recorded.info.chainID))
    }
}
