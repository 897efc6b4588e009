// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "MyLedgerTests",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The LedgerQA checkout next to (here: above) this package. From a server instead:
        // .package(url: "https://git.example.com/qa/LedgerQA.git", branch: "main"),
        .package(name: "LedgerQA", path: "../.."),
    ],
    targets: [
        .testTarget(
            name: "MyLedgerTests",
            dependencies: [
                .product(name: "Fixtures", package: "LedgerQA"),
                .product(name: "Networks", package: "LedgerQA"),
            ]
        ),
        // Every Swift code block of the README and docs of LedgerQA, extracted by
        // scripts/extract-doc-snippets: compiled in CI so a documentation example cannot rot.
        .testTarget(
            name: "DocSnippets",
            dependencies: [
                .product(name: "Fixtures", package: "LedgerQA"),
                .product(name: "Networks", package: "LedgerQA"),
            ],
            // The files of the step-run examples (README "Step runs", docs/steps.md), next to them.
            exclude: ["Journeys"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
