import CLibFuzzer
import DevnetFuzzing
import Foundation

// The devnet's libFuzzer binary. SwiftPM gives an executable a Swift `main`, so instead of
// libFuzzer's own main this one hands libFuzzer's driver the callback below.

/// One input through the devnet's request path (`DevnetFuzzTarget`). A broken invariant
/// aborts, so libFuzzer saves the input as a crash, like a trap.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = DevnetFuzzTarget.run(bytes)
    guard problems.isEmpty else {
        FileHandle.standardError.write(Data(("devnet-fuzz: broken invariant:\n  " + problems.joined(separator: "\n  ") + "\n").utf8))
        abort()
    }
    return 0
}

/// `DEVNET_FUZZ_WRITE_SEEDS=<dir>` writes the seed corpus there instead of fuzzing.
func writeSeeds(to folder: String) -> Int32 {
    let (seeds, problems) = DevnetFuzzSeeds.all()
    let directory = URL(fileURLWithPath: folder)
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
    }
    for seed in seeds { try? Data(seed.bytes).write(to: directory.appendingPathComponent(seed.name)) }
    print("devnet-fuzz: wrote \(seeds.count) seeds to \(folder)")
    for problem in problems { print("devnet-fuzz: \(problem)") }
    return problems.isEmpty ? 0 : 1
}

if let folder = ProcessInfo.processInfo.environment["DEVNET_FUZZ_WRITE_SEEDS"] {
    exit(writeSeeds(to: folder))
}
// `DEVNET_FUZZ_DESCRIBE=<file>` prints what an input does, step by step.
if let file = ProcessInfo.processInfo.environment["DEVNET_FUZZ_DESCRIBE"] {
    guard let data = FileManager.default.contents(atPath: file) else { print("devnet-fuzz: cannot read \(file)"); exit(1) }
    print(DevnetFuzzTarget.describe(Array(data)))
    exit(0)
}
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
