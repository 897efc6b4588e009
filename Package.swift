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
        .executable(name: "transport-bench", targets: ["transport-bench"]),
        .executable(name: "kafka-bench", targets: ["kafka-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
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
                "Devnet",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
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
        .testTarget(name: "NetworksTests", dependencies: ["Networks"]),
        .testTarget(name: "DevnetTests", dependencies: ["Devnet", "DevnetFuzzing", "Networks", "CRdKafka", "devnet"]),
        .testTarget(name: "FixturesTests", dependencies: ["Fixtures", "Networks", "Devnet"]),
        .testTarget(name: "Quotes", dependencies: ["Fixtures", "Networks"], exclude: []),
        .testTarget(name: "Load", dependencies: ["Fixtures", "Networks"]),
        .testTarget(name: "E2E", dependencies: ["Fixtures", "Networks"]),
    ],
    swiftLanguageModes: [.v6]
)
