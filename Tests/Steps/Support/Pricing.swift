import Fixtures
import Networks
import Testing

/// SPEC 4's prices and fees for the instance the config describes, computed here from the
/// config's inputs, never read from the node.
struct Pricing {
    let spec: CreatorKeysSpec

    init(_ runner: StepRunner) throws {
        spec = try #require(runner.configuration.creatorKeys, "the journey's config has creator_keys")
    }

    init(spec: CreatorKeysSpec) { self.spec = spec }

    /// flat `P`, linear `P + slope·s`, quadratic `P + slope·s²`.
    func price(atSupply s: Int128) -> Int128 {
        switch spec.curve {
        case .flat: spec.keyPrice
        case .linear: spec.keyPrice + spec.slope * s
        case .quadratic: spec.keyPrice + spec.slope * s * s
        }
    }

    /// `protocol_fee = floor(p·protocol_bps / 10_000)`, the rest of the price to the creator.
    func fees(_ price: Int128) -> (creator: Int128, protocol: Int128) {
        let protocolFee = price * Int128(spec.protocolBps) / 10_000
        return (price - protocolFee, protocolFee)
    }

    /// A buy at supply `s` is priced at `s`; the buyer pays price + both fees.
    func buyQuote(supply s: Int128) -> Quote {
        let p = price(atSupply: s)
        let f = fees(p)
        return Quote(price: p, creatorFee: f.creator, protocolFee: f.protocol, totalAmount: p + f.creator + f.protocol)
    }

    /// A sell at supply `s` is priced at `s − 1`; the seller receives price − both fees.
    func sellQuote(supply s: Int128) -> Quote {
        let p = price(atSupply: s - 1)
        let f = fees(p)
        return Quote(price: p, creatorFee: f.creator, protocolFee: f.protocol, totalAmount: p - f.creator - f.protocol)
    }
}
