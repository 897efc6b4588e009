public import Networks

/// What seeding created on the network, kept in the state file (the seeded-data marker) so a
/// resumed run uses the same instance, creators, accounts and agents.
public struct SeededData: Sendable, Equatable {
    /// The creator-keys instance the creators are registered on.
    public var creatorKeys: String?
    public var creators: [SeededCreator] = []
    public var accounts: [SeededAccount] = []
    public var agents: [SeededAgent] = []

    /// A registered creator and its address.
    public struct SeededCreator: Sendable, Equatable {
        public var handle: String
        public var address: String
    }

    /// A funded account: its native and underlying addresses.
    public struct SeededAccount: Sendable, Equatable {
        public var label: String
        public var address: String
        public var underlyingAddress: String
    }

    /// A private agent, its pool and minting fee.
    public struct SeededAgent: Sendable, Equatable {
        public var label: String
        public var agent: String
        public var pool: String
        public var feeBips: Int64
    }

    public init() {}

    /// The records of `collection` as JSON (what `runner.roundRecord()` returns).
    public func records(_ collection: String) -> [JSON] {
        switch collection {
        case "creators": creators.map { ["handle": .string($0.handle), "address": .string($0.address)] }
        case "accounts": accounts.map { ["label": .string($0.label), "address": .string($0.address), "underlying_address": .string($0.underlyingAddress)] }
        case "agents": agents.map { ["label": .string($0.label), "agent": .string($0.agent), "pool": .string($0.pool), "fee_bips": .int($0.feeBips)] }
        default: []
        }
    }

    var json: JSON {
        ["creator_keys": creatorKeys.map(JSON.string) ?? .null, "creators": .array(records("creators")),
         "accounts": .array(records("accounts")), "agents": .array(records("agents"))]
    }

    init(json: JSON) throws(DecodingFailure) {
        let f = try Fields(json, "seeded")
        creatorKeys = try f.optionalString("creator_keys")
        creators = try f.array("creators").map { j throws(DecodingFailure) in
            let r = try Fields(j, "seeded.creators")
            return SeededCreator(handle: try r.string("handle"), address: try r.string("address"))
        }
        accounts = try f.array("accounts").map { j throws(DecodingFailure) in
            let r = try Fields(j, "seeded.accounts")
            return SeededAccount(label: try r.string("label"), address: try r.string("address"), underlyingAddress: try r.string("underlying_address"))
        }
        agents = try f.array("agents").map { j throws(DecodingFailure) in
            let r = try Fields(j, "seeded.agents")
            return SeededAgent(label: try r.string("label"), agent: try r.string("agent"), pool: try r.string("pool"), feeBips: try r.int("fee_bips"))
        }
    }

    /// The agent seeded under `label`.
    public func agent(_ label: String) throws -> SeededAgent {
        guard let agent = agents.first(where: { $0.label == label }) else {
            throw StepRunnerError.seeding(collection: "agents", problem: "no agent labelled \"\(label)\" (seeded: \(agents.map(\.label)))")
        }
        return agent
    }
}
