// swift-tools-version:6.1
// The devnet's libFuzzer binary. Built apart from the main package, since it needs
// -sanitize=fuzzer on every module: ./Fuzz/run builds it into .build-fuzz (docs/fuzzing.md).
import PackageDescription

let package = Package(
    name: "LedgerQAFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "LedgerQA", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "devnet-fuzz", dependencies: ["CLibFuzzer", .product(name: "DevnetFuzzing", package: "LedgerQA")],
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]),
    ],
    swiftLanguageModes: [.v6]
)
