import ArgumentParser
import LabBench
import TensorCore

/// `lab bench`: throughput of the reference workloads.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the speed of the reference workloads (samples/s, GFLOP/s).")

    @Argument(help: "Workloads to run, comma-separated (gemm).")
    var workloads: String = "gemm"

    @Option(name: .long, help: "Compute threads.")
    var threads: Int = 2

    @Flag(name: .long, help: "Print a JSON array instead of a table.")
    var json = false

    func run() throws {
        Parallel.setThreads(threads)
        var results: [BenchResult] = []
        for name in workloads.split(separator: ",").map(String.init) {
            switch name {
            case "gemm": results += GEMMBench.run()
            default: throw ValidationError("unknown workload '\(name)' (known: gemm)")
            }
        }
        print(json ? BenchResult.json(results) : BenchResult.table(results, header: VersionLine.text))
    }
}

enum VersionLine { static var text: String { "# " + VersionInfo.text } }
