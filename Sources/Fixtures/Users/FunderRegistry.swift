import Networks

/// One funder per network and process, so parallel test cases share its nonce order.
actor FunderRegistry {
    static let shared = FunderRegistry()
    private var funders: [String: Funder] = [:]

    func funder(context: ConnectionContext, keystore: Keystore, configuration: LoadConfiguration) throws -> Funder {
        if let funder = funders[context.info.genesisHash] { return funder }
        let key = try configuration.funderKey.map { seed throws in try KeyPair(seedHex: seed) } ?? keystore.funderKey()
        let funder = Funder(key: key, context: context)
        funders[context.info.genesisHash] = funder
        return funder
    }
}
