public import Foundation

/// Where this build's products are: the folder of the running test bundle, which is where
/// SwiftPM puts the executables of the same build (`devnet`, ...). A test uses them instead of
/// `swift run`, which would wait forever on the build lock `swift test` holds.
public enum BuildProducts {
    /// The build folder, e.g. `.build/x86_64-unknown-linux-gnu/debug`.
    public static var directory: URL { testBundle.deletingLastPathComponent() }

    /// The running test bundle (`LedgerQAPackageTests.xctest`), which a test can run again as a
    /// child process: `<bundle> --testing-library swift-testing --filter <test>`.
    public static var testBundle: URL {
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundleURL.pathExtension == "xctest" }) { return bundle.bundleURL }
        #endif
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    /// The executable `name` of this build; fails naming the folder when it is not there (the
    /// test target must depend on the executable target so that SwiftPM builds it first).
    public static func executable(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw BuildProductMissing(name: name, directory: directory.path) }
        return url
    }
}

/// An executable the test needs is not in the build folder.
public struct BuildProductMissing: Error, Sendable, CustomStringConvertible {
    public let name: String
    public let directory: String
    public var description: String {
        "the executable \(name) is not in \(directory): make the test target depend on the \(name) target so `swift test` builds it"
    }
}
