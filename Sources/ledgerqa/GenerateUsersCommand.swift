import ArgumentParser
import Fixtures

/// `ledgerqa generate-users N`: a fixed, named set of users kept in the keystore.
struct GenerateUsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-users",
        abstract: "Add N users (each with a partner) to a named user set in the keystore of DEVNET_URL; runs use it with LOAD_USER_SET=NAME.")

    @OptionGroup var network: NetworkOptions

    @Argument(help: "How many users to add.")
    var count: Int

    @Option(help: "The user set's name (letters, digits, _ and -).")
    var set = "default"

    func validate() throws {
        guard (1...10_000).contains(count) else { throw ValidationError("N must be from 1 to 10000") }
        guard ActionName(set).isWellFormed else { throw ValidationError("--set takes letters, digits, _ and -") }
    }

    func run() async throws {
        let connection = try await network.open()
        let made = try await UserSet.generate(count, name: set, in: connection.keystore)
        let all = try connection.keystore.userSet(set)
        print("generate-users: added \(made.count) users (with partners) to set \(set), which now has \(all.count) users, "
            + "numbers \(all.first?.setIndex ?? 0) to \(all.last?.setIndex ?? 0), in \(connection.keystore.directory.path)")
        print("run with them: LOAD_USER_SET=\(set) ./ledgerqa load   (LOAD_USER_NUMS=0,1,... picks some of them)")
    }
}
