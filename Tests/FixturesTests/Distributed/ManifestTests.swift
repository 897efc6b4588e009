import Foundation
import Testing

/// The Kubernetes manifests and the CI matrix of docs/distributed.md validate against their
/// schemas (scripts/check-manifests: PyPI's kubernetes-validate and check-jsonschema, which
/// carry the schemas, so nothing is fetched). No cluster or Docker engine runs here.
@Suite("Deployment manifests")
struct ManifestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let tools = root.appendingPathComponent(".build/manifest-tools/bin")

    /// Whether the validators are installed (`scripts/check-manifests --install`).
    static let validatorsInstalled = ["kubernetes-validate", "check-jsonschema"].allSatisfy {
        FileManager.default.isExecutableFile(atPath: tools.appendingPathComponent($0).path)
    }

    @Test("deploy/kubernetes validates against Kubernetes 1.30's schemas and the CI matrix against GitHub Actions' workflow schema",
        .enabled(if: validatorsInstalled, "the validators are not installed: run scripts/check-manifests --install (PyPI)"),
        .timeLimit(.minutes(2)))
    func validates() async throws {
        let result = try await ToolRun.run(Self.root.appendingPathComponent("scripts/check-manifests"), [])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("load-job.yaml passed for resource job/ledgerqa-load"), "\(result.output)")
    }

    @Test("the validator refuses an Indexed Job with a malformed field, naming it",
        .enabled(if: validatorsInstalled, "the validators are not installed: run scripts/check-manifests --install (PyPI)"),
        .timeLimit(.minutes(2)))
    func rejects() async throws {
        let job = try String(contentsOf: Self.root.appendingPathComponent("deploy/kubernetes/load-job.yaml"), encoding: .utf8)
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("load-job-\(UUID().uuidString).yaml")
        try Data(job.replacingOccurrences(of: "completions: 4", with: "completions: four").utf8).write(to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        let result = try await ToolRun.run(Self.tools.appendingPathComponent("kubernetes-validate"), ["--strict", "--kubernetes-version", "1.30.0", broken.path])
        #expect(result.status != 0 && result.output.contains("completions"), "\(result.output)")
    }
}
