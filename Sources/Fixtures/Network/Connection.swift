public import Networks

/// A connection to the network under test: its RPC client, what `devnet_info` said, and
/// the admin account when its key is known.
public struct Connection: Sendable {
    /// The JSON-RPC endpoint.
    public let url: String
    public let rpc: RPCClient
    public let chain: NativeChain
    public let info: NetworkInfo
    /// True when the network is the devnet embedded in this test process.
    public let isEmbedded: Bool
    let adminAccount: Account?
    let adminUnderlying: UnderlyingAccount?

    init(url: String, rpc: RPCClient, info: NetworkInfo, isEmbedded: Bool, adminKey: KeyPair?) {
        self.url = url
        self.rpc = rpc
        self.chain = NativeChain(rpc: rpc)
        self.info = info
        self.isEmbedded = isEmbedded
        self.adminAccount = adminKey.map { Account(key: $0, chain: NativeChain(rpc: rpc), chainID: info.chainID) }
        self.adminUnderlying = adminKey.map {
            UnderlyingAccount(key: $0, chain: UnderlyingChain(rpc: rpc), chainID: info.underlyingChainID)
        }
    }

    private init(_ base: Connection, transport: any Transport) {
        url = base.url
        rpc = RPCClient(transport: transport)
        chain = NativeChain(rpc: rpc)
        info = base.info
        isEmbedded = base.isEmbedded
        adminAccount = base.adminAccount
        adminUnderlying = base.adminUnderlying
    }

    /// True when an admin key is known (the embedded devnet's, or `DEVNET_ADMIN_KEY`).
    public var hasAdminKey: Bool { adminAccount != nil }

    /// The underlying chain of this network.
    public var underlying: UnderlyingChain { UnderlyingChain(rpc: rpc) }

    /// The network's admin account. Needs the embedded devnet or `DEVNET_ADMIN_KEY`.
    public func admin() throws -> Account {
        guard let adminAccount else { throw FixtureError.adminKeyMissing(url: url) }
        return adminAccount
    }

    /// An account on a fresh key, holding `nat` wei from the faucet, or from the admin
    /// where the network has no faucet.
    public func newAccount(nat: Int128 = 1_000 * Units.nat, key: KeyPair = KeyPair()) async throws -> Account {
        try await fund(key.address, nat: nat)
        return Account(key: key, chain: chain, chainID: info.chainID)
    }

    /// Credits `und` drops to the underlying twin (`u` + the same hex) of the native `address`:
    /// from the faucet, or where the network has none, paid by the admin's underlying account.
    public func fundUnderlying(_ address: String, und: Int128) async throws {
        do {
            try await chain.faucet(address, nat: 0, und: und)
        } catch let error as RPCError where error.code == RPCErrorCode.methodNotFound {
            guard let adminUnderlying else { throw FixtureError.adminKeyMissing(url: url) }
            let tx = try await adminUnderlying.pay(und, to: "u" + address.dropFirst())
            guard tx.status == .success else { throw FixtureError.underlyingFundingFailed(address: address, error: tx.error ?? "FAILED") }
        }
    }

    /// Credits `nat` wei to `address`.
    public func fund(_ address: String, nat: Int128) async throws {
        do {
            try await chain.faucet(address, nat: nat)
        } catch let error as RPCError where error.code == RPCErrorCode.methodNotFound {
            let receipt = try await admin().send(
                Call(contract: "native", method: "transfer", args: ["to": .string(address), "amount": Amount.wire(nat)]))
            guard receipt.status == .success else { throw FixtureError.fundingReverted(address: address, receipt: receipt) }
        }
    }

    /// The same network seen through a transport that records the test's calls into `transcript`.
    public func recording(into transcript: Transcript) -> Connection {
        Connection(self, transport: RecordingTransport(base: rpc.transport, transcript: transcript))
    }
}

/// A fixture could not provide what a test asked for; the message says what to do.
public enum FixtureError: Error, Sendable, CustomStringConvertible {
    case adminKeyMissing(url: String)
    case fundingReverted(address: String, receipt: Receipt)
    case underlyingFundingFailed(address: String, error: String)
    case adminKeyMismatch(key: String, admin: String)
    case traitMissing(resource: String, trait: String)
    case noEmbeddedDevnet

    public var description: String {
        switch self {
        case .adminKeyMissing(let url):
            "the admin key of \(url) is unknown: set DEVNET_ADMIN_KEY to its 64-hex seed"
        case .fundingReverted(let address, let receipt):
            "funding \(address) from the admin reverted: \(receipt.error.map { "\($0)" } ?? "no error given")"
        case .underlyingFundingFailed(let address, let error):
            "funding the underlying account of \(address) from the admin failed: \(error)"
        case .adminKeyMismatch(let key, let admin):
            "DEVNET_ADMIN_KEY is the key of \(key), but devnet_info.admin is \(admin): set it to the admin's 64-hex seed"
        case .traitMissing(let resource, let trait):
            "\(resource) is only available inside a test with the \(trait) trait; add it to the @Test or @Suite"
        case .noEmbeddedDevnet:
            "DEVNET_URL is unset and this build has no embedded devnet (LedgerQA's EmbeddedDevnet trait is off): "
                + "set DEVNET_URL to the network under test, or depend on LedgerQA with its default traits"
        }
    }
}
