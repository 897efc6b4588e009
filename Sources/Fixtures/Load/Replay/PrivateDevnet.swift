import Foundation
import Networks
#if EmbeddedDevnet
import Devnet
#endif

/// A devnet of this test's own, inside the process and without sockets: the embedded devnet's
/// genesis, a virtual clock, and the bugs planted that `plant` names (`DEVNET_PLANT`'s grammar).
/// Shrinking replays every candidate on a fresh one; a test can run a load case on one.
///
/// ```swift
/// let devnet = try await PrivateDevnet.start(plant: "combo:reservation-after-exit")
/// let run = try await devnet.loadRun(users: 20, label: "pools", configuration: LoadConfiguration(seed: 7), home: home)
/// ```
public final class PrivateDevnet: Sendable {
    public let context: ConnectionContext
    public let clock: VirtualClock
    /// The planted bugs, as a spec (`off` for none).
    public let plant: String
    /// The node, kept alive as long as this value.
    private let node: any Sendable

    private init(context: ConnectionContext, clock: VirtualClock, plant: String, node: any Sendable) {
        self.context = context
        self.clock = clock
        self.plant = plant
        self.node = node
    }

    /// Boots a private devnet with the bugs `plant` names; nil plants what the embedded devnet
    /// would (`DEVNET_PLANT`). Throws when this build has no embedded devnet.
    public static func start(plant: String? = nil) async throws -> PrivateDevnet {
        #if EmbeddedDevnet
        var options = try await LedgerQAEnvironment.current().embeddedDevnet
        options.faults = .none
        if let plant {
            do throws(FaultSpecError) { options.plants = try PlantedBug.parse(plant) } catch {
                throw ConfigurationError(variable: "plant", value: plant, expected: "\(error.grammar) (\(error.part): \(error.problem))")
            }
            options.faultSwitch = true
        }
        let clock = VirtualClock()
        let node = DevnetNode(genesis: Network.embeddedGenesis, clock: { Int64(clock.now()) }, options: options)
        let chain = NativeChain(rpc: RPCClient(transport: node.transport))
        let context = try await ConnectionContext(chain: chain, info: try await chain.info(), isEmbedded: true, clock: { clock.now() },
            freshInstance: FreshDevnet(plant: PlantedBug.spec(options.plants)))
        return PrivateDevnet(context: context, clock: clock, plant: PlantedBug.spec(options.plants), node: node)
        #else
        throw ReplayError.noFreshDevnet
        #endif
    }

    /// `count` funded users on this devnet, their keystore and logs under `home` (a
    /// LEDGERQA_HOME: reports and failures go there too).
    public func loadRun(users count: Int, label: String, configuration: LoadConfiguration, duration: Duration? = nil, home: URL) async throws
        -> LoadRun
    {
        try await LoadRun.provision(count: count, label: label, configuration: configuration, duration: duration, context: context,
            root: home.appendingPathComponent("keystore", isDirectory: true))
    }
}

/// How a network offers a fresh private instance of itself for shrinking: a private devnet
/// with the same genesis and the same planted bugs.
public struct FreshDevnet: Sendable, Equatable {
    /// The planted bugs to plant again; nil plants what `DEVNET_PLANT` says.
    public var plant: String?

    public init(plant: String?) { self.plant = plant }

    /// Boots one.
    public func start() async throws -> PrivateDevnet { try await PrivateDevnet.start(plant: plant) }
}

#if EmbeddedDevnet
extension PlantedBug {
    /// The spec that plants `bugs` again (`off` for none).
    static func spec(_ bugs: [PlantedBug]) -> String { bugs.isEmpty ? "off" : bugs.map(\.description).joined(separator: ",") }
}
#endif
