// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "LedgerQA",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Networks", targets: ["Networks"]),
        .library(name: "Fixtures", targets: ["Fixtures"]),
        .library(name: "Devnet", targets: ["Devnet"]),
        // The devnet's fuzz target, for the libFuzzer package in Fuzz/ and the corpus replay in DevnetTests.
        .library(name: "DevnetFuzzing", targets: ["DevnetFuzzing"]),
        .executable(name: "devnet", targets: ["devnet"]),
        .executable(name: "ledgerqa", targets: ["ledgerqa"]),
        .executable(name: "transport-bench", targets: ["transport-bench"]),
        .executable(name: "kafka-bench", targets: ["kafka-bench"]),
    ],
    // A package that tests only deployments (DEVNET_URL) can depend on LedgerQA with
    // `traits: []`: Fixtures then builds without the embedded devnet, and without Hummingbird
    // and SwiftNIO under it (README "Use LedgerQA in your package").
    traits: [
        .trait(name: "EmbeddedDevnet", description: "Fixtures boots the devnet inside the test process when DEVNET_URL is unset."),
        .default(enabledTraits: ["EmbeddedDevnet"]),
    ],
    dependencies: [
        // No default traits: two enabled traits reach swiftc as -D flags in a per-invocation order, so
        // every other `swift build`/`swift test` recompiled Hummingbird. The devnet needs neither.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        // Layered settings (.env files, ledgerqa.yaml / .json). Only its YAML trait: YAML reads
        // JSON files too, and a single trait keeps its -D flags in one order (see Hummingbird).
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: ["YAML"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "Networks",
            dependencies: [
                "CCurl",
                "CRdKafka",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Devnet",
            dependencies: [
                "Networks",
                "CRdKafka",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(name: "DevnetFuzzing", dependencies: ["Devnet", "Networks"]),
        .target(
            name: "Fixtures",
            dependencies: [
                "Networks",
                .target(name: "Devnet", condition: .when(traits: ["EmbeddedDevnet"])),
                "CZlib",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .executableTarget(
            name: "devnet",
            dependencies: [
                "Devnet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ledgerqa",
            dependencies: [
                "Fixtures",
                "Networks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "load-bench",
            dependencies: [
                "Fixtures",
                "Networks",
                "Devnet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "transport-bench",
            dependencies: [
                "Networks",
                "Devnet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kafka-bench",
            dependencies: [
                "Networks",
                "Devnet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .testTarget(name: "NetworksTests", dependencies: ["Networks", "Fixtures"]),
        .testTarget(name: "DevnetTests", dependencies: ["Devnet", "DevnetFuzzing", "Networks", "CRdKafka", "devnet"]),
        // Hummingbird serves the local webhook the notification tests post to.
        .testTarget(name: "FixturesTests", dependencies: ["Fixtures", "Networks", "Devnet", .product(name: "Hummingbird", package: "hummingbird")]),
        .testTarget(name: "Quotes", dependencies: ["Fixtures", "Networks"], exclude: []),
        .testTarget(name: "Load", dependencies: ["Fixtures", "Networks"]),
        // Real child processes and real signals: the Load suite run as `./ledgerqa load` runs it,
        // the operator commands, a standalone devnet. The executables are dependencies so that
        // SwiftPM builds them before the tests.
        .testTarget(name: "OperationsTests", dependencies: ["Fixtures", "Networks", "devnet", "ledgerqa"]),
        .testTarget(name: "E2E", dependencies: ["Fixtures", "Networks"]),
        .testTarget(name: "Conformance", dependencies: ["Fixtures", "Networks"]),
        // Depends on the devnet executable so that `swift test` builds it: the resume tests run it as a process.
        .testTarget(name: "Steps", dependencies: ["Fixtures", "Networks", "devnet"], exclude: ["Journeys"]),
    ],
    swiftLanguageModes: [.v6]
)

// `LEDGERQA_DOCC=1 swift package generate-documentation --target Fixtures` renders the API
// reference (README "API reference"). The plugin is added only then, so that packages
// depending on LedgerQA never resolve it.
if Context.environment["LEDGERQA_DOCC"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}
