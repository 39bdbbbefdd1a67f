import ArgumentParser
import LabBench
import TensorCore

/// `lab bench`: throughput of the reference workloads, for side-by-side comparison with peers.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the speed of the reference workloads (samples/s, GFLOP/s).",
        discussion: """
            Workloads: gemm (SGEMM 1024³ and the LSTM step shape), tokenize (Keras tokenizer + padding \
            on SST-2 train repeated to 500,000 rows). Compare with ../shared/bench/peer_lstm.py and \
            scripts/bench_tokenize_keras.py, measured in the same run.
            """)

    @Option(name: .long, help: "Workloads to run, comma-separated.")
    var configs: String = "gemm,tokenize"

    @Option(name: .long, help: "Compute threads.")
    var threads: Int = 2

    @Flag(name: .long, help: "Print a JSON array instead of a table.")
    var json = false

    func run() throws {
        Parallel.setThreads(threads)
        var results: [BenchResult] = []
        for name in configs.split(separator: ",").map(String.init) {
            switch name {
            case "gemm": results += GEMMBench.run()
            case "tokenize": results += try TokenizeBench.run()
            default: throw ValidationError("unknown workload '\(name)' (known: gemm, tokenize)")
            }
        }
        print(json ? BenchResult.json(results) : BenchResult.table(results, header: "# " + VersionInfo.text))
    }
}
