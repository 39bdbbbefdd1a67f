import DataParallel
import Foundation
import NeuralNet
import Training
import TensorCore

/// Training and inference throughput of the reference models, the same
/// experiments `shared/bench/peer_lstm.py` runs in PyTorch and Keras.
///
/// Each config builds its model with `Sequential`, compiles it with Adam 1e-3,
/// draws synthetic integer tokens (and 0/1 labels) from a seeded
/// `RandomGenerator`, runs the peer script's warm-up batches untimed, then times
/// its training batches and (after one untimed inference batch) its inference
/// batches. FLOP counts are the peer script's `flops_per_sample_fwd`; training
/// GFLOP/s is 3 · forward FLOPs · samples/s, as there.
public enum ModelBench {
    /// One reference configuration (sizes and batch counts as in the peer script).
    public struct Config: Sendable {
        /// The config's name: `lstm`, `cnn`, `lstm2048`, or a recurrent variant (`gru`, `bilstm`, `lstm_rdrop`).
        public let name: String
        /// V, the vocabulary of the synthetic tokens.
        public let vocab: Int
        /// T, the sequence length.
        public let length: Int
        /// N, the batch size.
        public let batch: Int
        /// Timed training batches.
        public let trainBatches: Int
        /// Timed inference batches.
        public let inferBatches: Int
        /// Untimed training batches before the timed ones.
        public let warmup: Int

        /// A config; `name` picks the model (`cnn`, a variant name, or the LSTM model for any other name).
        public init(name: String, vocab: Int, length: Int, batch: Int, trainBatches: Int, inferBatches: Int, warmup: Int) {
            self.name = name
            self.vocab = vocab
            self.length = length
            self.batch = batch
            self.trainBatches = trainBatches
            self.inferBatches = inferBatches
            self.warmup = warmup
        }
    }

    /// The configs of the peer script, by name.
    public static let configs: [String: Config] = [
        "lstm": Config(name: "lstm", vocab: 5000, length: 500, batch: 64, trainBatches: 40, inferBatches: 60, warmup: 2),
        "cnn": Config(name: "cnn", vocab: 20000, length: 128, batch: 64, trainBatches: 150, inferBatches: 300, warmup: 3),
        "lstm2048": Config(name: "lstm2048", vocab: 20000, length: 400, batch: 2048, trainBatches: 3, inferBatches: 3, warmup: 1),
        "gru": Config(name: "gru", vocab: 5000, length: 500, batch: 64, trainBatches: 40, inferBatches: 60, warmup: 2),
        "bilstm": Config(name: "bilstm", vocab: 5000, length: 500, batch: 64, trainBatches: 20, inferBatches: 30, warmup: 2),
        "lstm_rdrop": Config(name: "lstm_rdrop", vocab: 5000, length: 500, batch: 64, trainBatches: 40, inferBatches: 60, warmup: 2),
        "fullsize": Config(name: "fullsize", vocab: 926_454, length: 256, batch: 32, trainBatches: 20, inferBatches: 10, warmup: 2),
        "fullsize_lazy": Config(name: "fullsize_lazy", vocab: 926_454, length: 256, batch: 32, trainBatches: 20, inferBatches: 10, warmup: 2),
    ]

    /// The config names `run(config:)` accepts, in the peer script's order.
    public static let names = ["lstm", "cnn", "lstm2048"]

    /// The `lstm` config's model with the recurrent layer swapped (sizes as `lstm`; no peer runs
    /// these): GRU(100), Bidirectional(LSTM(100)), LSTM(100, recurrent_dropout=0.2). Run on request only.
    public static let variantNames = ["gru", "bilstm", "lstm_rdrop"]

    /// Seed 000's LSTM at full size (Embedding 926,454×256 → CuDNNLSTM 256 → Dense 2 softmax,
    /// 237,699,074 parameters, Adam, batch 32, length 256): about 3 GB with Adam's moments;
    /// `fullsize` with Keras's dense Adam sweep over the table, `fullsize_lazy` with `SparseUpdate.lazy`.
    /// Run on request only.
    public static let fullSizeNames = ["fullsize", "fullsize_lazy"]

    /// The peer script's forward matmul/conv FLOPs (2 · MAC) of one sample
    /// (embedding 100 or 32, 250 filters of 3, LSTM 100 units, as the peer models).
    public static func forwardFLOPs(_ config: Config) -> Double {
        switch config.name {
        case "cnn":
            let l = config.length, e = 100, f = 250, k = 3
            let lc = l - k + 1, lp = lc / 3
            return Double(2 * lc * f * k * e + 2 * (lp * f) * 100 + 2 * 100 * 2)
        case "gru":
            let e = 32, h = 100
            return Double(config.length * 2 * (e + h) * 3 * h + 2 * h * 1)
        case "bilstm":
            let e = 32, h = 100
            return Double(2 * config.length * 2 * (e + h) * 4 * h + 2 * (2 * h) * 1)
        case "fullsize", "fullsize_lazy":
            let e = 256, h = 256
            return Double(config.length * 2 * (e + h) * 4 * h + 2 * h * 2)
        default:
            let e = 32, h = 100
            return Double(config.length * 2 * (e + h) * 4 * h + 2 * h * 1)
        }
    }

    /// The model of a config, unbuilt.
    public static func model(_ config: Config) -> Sequential {
        if config.name.hasPrefix("fullsize") {
            return Sequential { Embedding(config.vocab, 256); CuDNNLSTM(256); Dense(2, activation: .softmax) }
        }
        if config.name == "cnn" {
            return Sequential {
                Embedding(config.vocab, 100); Dropout(0.2); Conv1D(250, 3, activation: .relu); MaxPooling1D(3)
                Flatten(); Dense(100, activation: .relu); Dense(2, activation: .softmax)
            }
        }
        let recurrent: any Layer = switch config.name {
        case "gru": GRU(100)
        case "bilstm": Bidirectional(LSTM(100), backward: LSTM(100))
        case "lstm_rdrop": LSTM(100, dropout: RecurrentDropout(recurrent: 0.2))
        default: LSTM(100)
        }
        return Sequential { Embedding(config.vocab, 32); recurrent; Dense(1, activation: .sigmoid) }
    }

    /// Measures the config called `name` at the current `Parallel.threads`.
    /// - Parameter peakGFLOPs: the machine's SGEMM peak for `pct_peak` (0: not reported).
    /// - Returns: nil for an unknown name.
    public static func run(config name: String, peakGFLOPs: Double = 0, communicator: Communicator? = nil) -> BenchResult? {
        guard let config = configs[name] else { return nil }
        return run(config, peakGFLOPs: peakGFLOPs, communicator: communicator)
    }

    /// Measures one config: warm-up, timed training, timed inference, peak RSS.
    /// - Parameter communicator: under `mpirun`, the processes train data-parallel on each global
    ///   batch (`DataParallelStep`); samples/s counts global samples, and the result carries the
    ///   bytes each process allreduces per step. Inference stays per process.
    public static func run(_ config: Config, peakGFLOPs: Double = 0, communicator: Communicator? = nil) -> BenchResult {
        PeakMemory.reset()
        var rng = RandomGenerator(seed: 0)
        let model = model(config)
        try! model.build(inputLength: config.length, using: &rng)
        model.compile(loss: softmax(config) ? .sparseCategoricalCrossentropy : .binaryCrossentropy,
                      optimizer: .adam(learningRate: 1e-3), sparseUpdate: config.name.hasSuffix("_lazy") ? .lazy : .dense)
        var data = RandomGenerator(seed: 1)
        let trainCount = config.warmup + config.trainBatches
        let batches = (0..<trainCount).map { _ in tokens(config, using: &data) }
        let labels = (0..<trainCount).map { _ in self.labels(config, using: &data) }
        let parallel = communicator.map {
            DataParallelStep(communicator: $0, network: model, maxBatch: config.batch, inputLength: config.length,
                             outputWidth: softmax(config) ? 2 : 1)
        }
        let train = { (i: Int) -> Double in
            if let parallel { return (try? parallel.step(x: .dense(batches[i]), y: labels[i], using: &rng).loss) ?? .nan }
            return model.trainStep(x: batches[i], y: labels[i], using: &rng)
        }
        for i in 0..<config.warmup { _ = train(i) }
        var loss = 0.0
        let waitedBefore = communicator?.allreduceSeconds ?? 0, gatheredBefore = communicator?.bytesGathered ?? 0
        let trainSeconds = seconds {
            for i in config.warmup..<trainCount { loss = train(i) }
        }
        var inferData = RandomGenerator(seed: 2)
        let inputs = (0...config.inferBatches).map { _ in tokens(config, using: &inferData) }
        _ = model.predict(inputs[0])
        let inferSeconds = seconds { for i in 1...config.inferBatches { _ = model.predict(inputs[i]) } }
        let trainSPS = Double(config.trainBatches * config.batch) / trainSeconds
        let inferSPS = Double(config.inferBatches * config.batch) / inferSeconds
        let gflops = 3 * forwardFLOPs(config) * trainSPS / 1e9
        var result = BenchResult(model: config.name, batch: config.batch, trainSPS: trainSPS, inferSPS: inferSPS,
                                 trainGFLOPs: gflops, pctPeak: peakGFLOPs > 0 ? 100 * gflops / peakGFLOPs : nil,
                                 msPerTrainBatch: 1e3 * trainSeconds / Double(config.trainBatches),
                                 finalLoss: loss, peakRSSMB: PeakMemory.megabytes)
        if let parallel {
            result.extra["processes"] = Double(parallel.communicator.size)
            result.extra["allreduce_bytes_per_step"] = Double(parallel.floatsPerStep * MemoryLayout<Float>.size)
            result.extra["gathered_bytes_per_step"] = Double(parallel.communicator.bytesGathered - gatheredBefore) / Double(config.trainBatches)
            result.extra["allreduce_ms_per_step"] = 1e3 * (parallel.communicator.allreduceSeconds - waitedBefore) / Double(config.trainBatches)
        }
        return result
    }

    /// Every config in `names` (unknown names skipped), after measuring the SGEMM peak once.
    /// Under `mpirun` (`communicator`) the models train data-parallel and no peak is measured.
    public static func run(names: [String], communicator: Communicator? = nil) -> [BenchResult] {
        let peak = communicator == nil ? measurePeak() : 0
        return names.compactMap { run(config: $0, peakGFLOPs: peak, communicator: communicator) }
    }

    /// The machine's SGEMM peak through `GEMM` at the current thread count: the best
    /// of three 0.5 s runs of 1024³ (the best, since other processes only slow it down).
    public static func measurePeak() -> Double {
        (0..<3).map { _ in GEMMBench.measure(name: "gemm", m: 1024, n: 1024, k: 1024, minSeconds: 0.5).gflops }.max()!
    }

    /// A batch of token ids [N, T] uniform in 0..<V.
    static func tokens(_ config: Config, using rng: inout RandomGenerator) -> Tensor {
        let x = Tensor(shape: [config.batch, config.length])
        for i in 0..<x.count { x.data[i] = Float(rng.int(below: config.vocab)) }
        return x
    }

    /// Labels 0/1: [N] class indices for the softmax model, [N, 1] for the sigmoid ones.
    static func labels(_ config: Config, using rng: inout RandomGenerator) -> Tensor {
        let y = Tensor(shape: softmax(config) ? [config.batch] : [config.batch, 1])
        for i in 0..<y.count { y.data[i] = Float(rng.int(below: 2)) }
        return y
    }

    /// Whether the config's model ends in a 2-way softmax (class-index labels) rather than one sigmoid.
    static func softmax(_ config: Config) -> Bool { config.name == "cnn" || config.name.hasPrefix("fullsize") }

    private static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
