import CLibFuzzer
import Foundation
import PantauFuzz

/// Runs libFuzzer over the harness named by PANTAU_FUZZ_TARGET (scripts/fuzz sets it), with
/// libFuzzer's own command line (`-runs=`, `-max_total_time=`, corpus folders…).
@main
struct FuzzEntry {
    static func main() {
        _ = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            target.run(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
    }
}

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["PANTAU_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget.named(name) else {
        let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
        FileHandle.standardError.write(Data("PANTAU_FUZZ_TARGET must be one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()
