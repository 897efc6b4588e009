import Networks

/// The account that funds load users and gets their funds back. On the devnet it fills
/// itself from the faucet; elsewhere it is `LOAD_FUNDER_KEY`'s account and must hold enough.
public actor Funder {
    public nonisolated let native: Account
    public nonisolated let underlying: UnderlyingAccount
    let chain: NativeChain
    /// Set once the devnet faucet answered; a network without one needs a funded key.
    private var hasFaucet: Bool?
    /// What cases funded from the balance were promised and not yet given.
    private var promised = Funds()
    /// The funder a shard's funder fills itself from (docs/distributed.md); nil otherwise.
    public nonisolated let parent: Funder?

    public nonisolated var address: String { native.address }
    public nonisolated var underlyingAddress: String { underlying.address }

    public init(key: KeyPair, context: ConnectionContext, parent: Funder? = nil) {
        self.parent = parent
        chain = context.chain
        native = Account(key: key, chain: context.chain, chainID: context.info.chainID)
        underlying = UnderlyingAccount(key: key, chain: UnderlyingChain(rpc: context.chain.rpc), chainID: context.info.underlyingChainID)
    }

    /// Makes sure the funder can pay `nat` wei and `und` drops on top of what parallel test
    /// cases were already promised: from the faucet where there is one (each call takes what
    /// it needs, so parallel cases never race for the same balance), else from its balance.
    public func ensure(nat: Int128, und: Int128) async throws {
        if let parent {
            try await ShardFunding.fill(self, from: parent, nat: nat, und: und)
            hasFaucet = false
        }
        if hasFaucet != false {
            do {
                try await chain.faucet(address, nat: nat, und: und)
                hasFaucet = true
                return
            } catch let error as RPCError where error.code == RPCErrorCode.methodNotFound {
                hasFaucet = false
            }
        }
        promised = promised + Funds(nat: nat, und: und)
        let haveNat = try await chain.balance(of: address)
        let haveUnd = try await UnderlyingChain(rpc: chain.rpc).balance(of: underlyingAddress)
        guard haveNat >= promised.nat, haveUnd >= promised.und else {
            let needed = promised
            promised = Funds(nat: promised.nat - nat, und: promised.und - und)
            throw FunderError.insufficient(address: address, nat: haveNat, needNat: needed.nat, und: haveUnd, needUnd: needed.und)
        }
    }

    /// Sends `funds` (NAT and UND) to `address`; returns what arrived.
    public func give(_ funds: Funds, to address: String) async throws -> Funds {
        if funds.nat > 0 {
            let receipt = try await native.send(Call(contract: "native", method: "transfer",
                args: ["to": .string(address), "amount": Amount.wire(funds.nat)]))
            guard receipt.status == .success else { throw FixtureError.fundingReverted(address: address, receipt: receipt) }
        }
        if funds.und > 0 {
            let tx = try await underlying.pay(funds.und, to: "u" + address.dropFirst(), reference: nil)
            guard tx.status == .success else { throw FunderError.paymentFailed(address: address, error: tx.error ?? "FAILED") }
        }
        if hasFaucet == false { promised = Funds(nat: max(0, promised.nat - funds.nat), und: max(0, promised.und - funds.und)) }
        return Funds(nat: funds.nat, und: funds.und)
    }
}

/// The funder cannot fund the run.
public enum FunderError: Error, Sendable, CustomStringConvertible {
    case insufficient(address: String, nat: Int128, needNat: Int128, und: Int128, needUnd: Int128)
    case paymentFailed(address: String, error: String)

    public var description: String {
        switch self {
        case .insufficient(let address, let nat, let needNat, let und, let needUnd):
            "the funder \(address) holds \(nat) wei and \(und) drops but the run needs \(needNat) wei and \(needUnd) drops; "
                + "this network has no faucet, so send funds to it (LOAD_FUNDER_KEY names its key) or run fewer users (LOAD_USERS)"
        case .paymentFailed(let address, let error): "funding \(address) with UND failed: \(error)"
        }
    }
}
