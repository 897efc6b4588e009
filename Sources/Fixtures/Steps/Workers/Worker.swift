public import Networks

/// A named participant of a journey (seed 001's worker), as `workers.json` describes it: its
/// keys by role, its environment, its own endpoint and server if it has them.
///
/// Workers cannot be changed at run time; steps read them with `key`, `env` and `get`.
public final class Worker: Sendable {
    public let name: String
    /// The network the worker acts on: its `devnet_url`, else the run's network.
    public let connection: Connection
    /// The worker's server, if it has one (`server` in workers.json).
    public let server: WorkerServer?
    /// The port of the worker's server, if it has one.
    public var port: Int? { server?.port }
    let keys: [String: KeyPair]
    let accounts: [String: Account]
    let underlyingAccounts: [String: UnderlyingAccount]
    let environment: [String: String]
    let vars: [String: JSON]

    init(name: String, connection: Connection, server: WorkerServer?, keys: [String: KeyPair], environment: [String: String], vars: [String: JSON]) {
        self.name = name
        self.connection = connection
        self.server = server
        self.keys = keys
        self.environment = environment
        self.vars = vars
        accounts = keys.mapValues { Account(key: $0, chain: connection.chain, chainID: connection.info.chainID) }
        underlyingAccounts = keys.mapValues {
            UnderlyingAccount(key: $0, chain: UnderlyingChain(rpc: connection.rpc), chainID: connection.info.underlyingChainID)
        }
    }

    /// The key pair of `role` (seed 001's `get_key`: `key("main").publicKeyHex`, `.seedHex`).
    public func key(_ role: String = "main") throws -> KeyPair {
        guard let key = keys[role] else { throw WorkerError(worker: name, problem: "has no key role \"\(role)\"; its roles: \(roles)") }
        return key
    }

    /// The native account of `role`'s key; it signs and sends in nonce order across steps.
    public func account(_ role: String = "main") throws -> Account {
        guard let account = accounts[role] else { throw WorkerError(worker: name, problem: "has no key role \"\(role)\"; its roles: \(roles)") }
        return account
    }

    /// The underlying-chain account on `role`'s key; it pays in sequence order across steps.
    public func underlying(_ role: String = "main") throws -> UnderlyingAccount {
        guard let account = underlyingAccounts[role] else { throw WorkerError(worker: name, problem: "has no key role \"\(role)\"; its roles: \(roles)") }
        return account
    }

    /// The main account's address (`n…`).
    public var address: String { (keys["main"] ?? keys.values.first)?.address ?? "" }

    /// A variable of the worker's environment: an `env_vars` mapping resolved from the process
    /// environment or `.env` files, or a literal `env` value (seed 001's `get_env`).
    public func env(_ name: String) throws -> String {
        guard let value = environment[name] else {
            throw WorkerError(worker: self.name, problem: "has no environment variable \"\(name)\"; add it to its env_vars or env in workers.json")
        }
        return value
    }

    /// A value of the worker (seed 001's `get`): `name`, `address`, `port`, `url` (its server),
    /// `devnet_url`, or one of its `vars` in `workers.json`.
    public func get(_ key: String) throws -> JSON {
        switch key {
        case "name": return .string(name)
        case "address": return .string(address)
        case "devnet_url": return .string(connection.url)
        case "port" where port != nil: return .int(Int64(port ?? 0))
        case "url" where port != nil: return .string("http://127.0.0.1:\(port ?? 0)")
        default:
            guard let value = vars[key] else {
                throw WorkerError(worker: name, problem: "has no value \"\(key)\"; add it to its vars in workers.json"
                    + (key == "url" || key == "port" ? " or give it a server" : ""))
            }
            return value
        }
    }

    /// Signs `payload`'s RFC 8785 canonical bytes with `role`'s key (seed 001's
    /// `create_signature`); check it with `Signature.isValid(_:of:by:)`.
    public func sign(_ payload: JSON, with role: String = "main") throws -> String {
        try key(role).sign(payload.canonicalBytes)
    }

    var roles: String { keys.keys.sorted().joined(separator: ", ") }
}

/// A worker was asked for something it does not have.
public struct WorkerError: Error, Sendable, CustomStringConvertible {
    public let worker: String
    public let problem: String
    public var description: String { "worker \(worker) \(problem)" }
}
