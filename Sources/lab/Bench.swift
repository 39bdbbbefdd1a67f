import ArgumentParser
import DataParallel
import LabBench
import TensorCore

/// `lab bench`: throughput of the reference workloads, for side-by-side comparison with peers.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the speed of the reference workloads (samples/s, GFLOP/s).",
        discussion: """
            Workloads: lstm, cnn, lstm2048 (the models of ../shared/bench/peer_lstm.py, trained and run \
            on synthetic tokens), gemm (SGEMM 1024³ and the LSTM step shape), tokenize (Keras tokenizer \
            + padding on SST-2 train repeated to 500,000 rows). Compare with peer_lstm.py and \
            scripts/bench_tokenize_keras.py, measured in the same run. On request only: gru, bilstm, \
            lstm_rdrop (the lstm model with GRU(100), Bidirectional(LSTM(100)) or recurrent_dropout=0.2), \
            vectorize (scikit-learn-exact tf-idf fit + transform of the Amazon reviews ×5; compare with \
            scripts/bench_vectorize_sklearn.py), store (one epoch's commit to the run store), load (reading \
            SST-2 train ×8, 538,792 rows, alone and with tokenizing; compare with scripts/bench_load.sh), \
            fullsize (seed 000's LSTM at full size: Embedding 926,454×256, CuDNNLSTM 256, Dense 2 softmax, \
            batch 32, length 256; about 3 GB; fullsize_lazy: the same with sparse_update=lazy; compare with \
            scripts/peer_lstm.py --configs fullsize). --json adds the CPU model, ISA and OpenBLAS kernels to \
            every result; --record DIR also writes DIR/results-<cpu kind>.json and prints each throughput \
            against the file it replaces.
            """)

    @Option(name: .long, help: "Workloads to run, comma-separated.")
    var configs: String = "lstm,cnn,lstm2048,tokenize,gemm"

    @Option(name: .long, help: "Compute threads.")
    var threads: Int = 2

    @Flag(name: .long, help: "Print a JSON array instead of a table.")
    var json = false

    @Option(name: .long, help: "Also write the results to DIR/results-<cpu kind>.json (e.g. Benchmarks), comparing with the file replaced.")
    var record: String?

    func run() throws {
        Parallel.setThreads(threads)
        // Under mpirun the model workloads train data-parallel; process 0 alone prints.
        let communicator = try DataParallelLaunch.join(script: nil)
        defer { communicator?.finalize() }
        let names = configs.split(separator: ",").map(String.init)
        let onRequest = ModelBench.variantNames + ModelBench.fullSizeNames
        let known = ModelBench.names + onRequest + ["tokenize", "vectorize", "gemm", "store", "load"]
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw ValidationError("unknown workload '\(unknown)' (known: \(known.joined(separator: ", ")))")
        }
        var results: [BenchResult] = []
        let models = names.filter { ModelBench.names.contains($0) || onRequest.contains($0) }
        if !models.isEmpty { results += ModelBench.run(names: models, communicator: communicator) }
        for name in names {
            switch name {
            case "gemm": results += GEMMBench.run()
            case "tokenize": results += try TokenizeBench.run()
            case "vectorize": results += try VectorizeBench.run()
            case "store": results += try StoreBench.run()
            case "load": results += try LoadBench.run()
            default: break
            }
        }
        let machine = BenchMachine.current
        print(json ? BenchResult.json(results, machine: machine)
                   : BenchResult.table(results, header: "# \(VersionInfo.text), CPU: \(machine.cpu) (\(machine.kind))"))
        if let record, communicator?.rank ?? 0 == 0 {  // one file, from process 0
            for line in try BenchRecord.write(results, machine: machine, version: VersionInfo.version, directory: record) {
                print(line)
            }
        }
    }
}
