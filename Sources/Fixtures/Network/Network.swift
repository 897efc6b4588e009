import Networks

/// The shared network fixture: one connection per test process, opened on first use.
///
/// With `DEVNET_URL` unset it boots the embedded devnet on an ephemeral loopback port
/// and talks to it over HTTP, with librdkafka's mock cluster as its Kafka (or `KAFKA_BROKERS`,
/// or none with `USE_KAFKA=false`); it lives as long as the test process. With `DEVNET_URL`
/// set it connects there, using `DEVNET_ADMIN_KEY` for admin calls.
public actor Network {
    /// The process-wide network every suite shares. Tests isolate themselves by creating
    /// what they mutate (their own contract instances and accounts), never by owning it.
    public static let shared = Network()

    private var opening: Task<Connection, any Error>?
    /// The embedded devnet's server, kept alive as long as the process.
    private var embedded: (any Sendable)?
    private var kafkaProbe: Task<KafkaAvailability, any Error>?
    private var adminFunding: Task<Account, any Error>?
    private var faucetProbe: Task<Bool, any Error>?

    /// The connection, opened (and the embedded devnet booted) on first call.
    public func connection() async throws -> Connection {
        if let opening { return try await opening.value }
        let task = Task { try await open() }
        opening = task
        return try await task.value
    }

    private func open() async throws -> Connection {
        let environment = try await LedgerQAEnvironment.current()
        if let url = environment.devnetURL {
            let rpc = RPCClient(transport: CurlTransport(url: url))
            let info = try await NativeChain(rpc: rpc).info()
            return Connection(url: url, rpc: rpc, info: info, isEmbedded: false, adminKey: environment.adminKey)
        }
        #if EmbeddedDevnet
        let (connection, server) = try await Self.bootEmbedded(environment)
        embedded = server
        return connection
        #else
        throw FixtureError.noEmbeddedDevnet
        #endif
    }

    /// Whether this run has Kafka: off with `USE_KAFKA=false`, else the brokers of `KAFKA_BROKERS`
    /// or of `devnet_info.kafka`, probed once per process with a metadata request. A malformed
    /// environment or an unreachable network throws: those fail the run rather than skip it.
    public func kafka() async throws -> KafkaAvailability {
        if let kafkaProbe { return try await kafkaProbe.value }
        let task = Task { try await Self.probeKafka(connection: { try await self.connection() }) }
        kafkaProbe = task
        return try await task.value
    }

    private static func probeKafka(connection: @Sendable () async throws -> Connection) async throws -> KafkaAvailability {
        let environment = try await LedgerQAEnvironment.current()
        guard environment.useKafka else { return .off(reason: "USE_KAFKA=false turns Kafka off") }
        let c = try await connection()
        guard let servers = environment.kafkaBrokers ?? c.info.kafka else {
            return .off(reason: "the devnet at \(c.url) publishes no events to Kafka (devnet_info.kafka is null) and KAFKA_BROKERS is unset")
        }
        do {
            try await KafkaEventConsumer.connect(bootstrapServers: servers, timeout: .seconds(5)).close()
            return .on(bootstrapServers: servers)
        } catch {
            return .off(reason: "Kafka at \(servers) is unreachable: \(error)")
        }
    }

    /// A consumer of the devnet topics from the offsets current now, or nil when Kafka is off.
    public func eventConsumer() async throws -> KafkaEventConsumer? {
        guard let servers = try await kafka().bootstrapServers else { return nil }
        return try await KafkaEventConsumer.connect(bootstrapServers: servers)
    }

    /// Whether the network answers `devnet_faucet` (SPEC 3: devnet only). Probed once per
    /// process by crediting 0 NAT to a fresh address; only "method not found" means no faucet.
    public func hasFaucet() async throws -> Bool {
        if let faucetProbe { return try await faucetProbe.value }
        let task = Task {
            let c = try await self.connection()
            do {
                try await c.chain.faucet(KeyPair().address, nat: 0)
                return true
            } catch let error as RPCError {
                return error.code != RPCErrorCode.methodNotFound
            }
        }
        faucetProbe = task
        return try await task.value
    }

    /// Nil when admin calls can run (the embedded devnet, or `DEVNET_ADMIN_KEY` set), else why
    /// not. A `DEVNET_ADMIN_KEY` that is not the key of `devnet_info.admin` throws: a wrong key
    /// fails the run rather than skip the tests that need it.
    public func adminKeyMissingReason() async throws -> String? {
        let c = try await connection()
        guard let admin = c.adminAccount else {
            return "the admin key of \(c.url) is unknown: set DEVNET_ADMIN_KEY to run the tests that need it"
        }
        guard admin.address == c.info.admin else { throw FixtureError.adminKeyMismatch(key: admin.address, admin: c.info.admin) }
        return nil
    }

    /// The admin account, holding NAT for gas: on a devnet with a faucet it is topped up once.
    public func fundedAdmin() async throws -> Account {
        if let adminFunding { return try await adminFunding.value }
        let task = Task {
            let c = try await self.connection()
            let admin = try c.admin()
            let wanted = 1_000_000 * Units.nat
            if try await admin.balance() < wanted / 2 { _ = try? await c.chain.faucet(admin.address, nat: wanted) }
            return admin
        }
        adminFunding = task
        return try await task.value
    }
}
