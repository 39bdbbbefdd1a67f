import Foundation

/// One measured workload: what ran and how fast.
///
/// Kernel workloads (`gemm`) fill `detail`, `seconds` and `gflops`; model
/// workloads (`lstm`, `cnn`, `lstm2048`) fill the training/inference fields.
public struct BenchResult: Sendable {
    /// The workload's name (`gemm`, `lstm`, …).
    public var config: String
    /// What ran, in words (shapes and threads, or the batch).
    public var detail: String
    /// Seconds per repetition (a GEMM call, or a training batch).
    public var seconds: Double
    /// Achieved GFLOP/s (for models: training GFLOP/s).
    public var gflops: Double
    /// Further named numbers, written as extra JSON fields.
    public var extra: [String: Double]
    /// The model measurements, nil for kernel workloads.
    public var model: ModelNumbers?

    /// What a model workload measured (JSON keys in snake case as the peer script's).
    public struct ModelNumbers: Sendable {
        /// N, the batch size.
        public var batch: Int
        /// Training samples per second over the timed batches.
        public var trainSPS: Double
        /// Inference samples per second over the timed batches.
        public var inferSPS: Double
        /// 3 · forward FLOPs · `trainSPS`, in GFLOP/s.
        public var trainGFLOPs: Double
        /// `trainGFLOPs` as a percentage of the measured SGEMM peak, when measured.
        public var pctPeak: Double?
        /// Wall milliseconds per timed training batch.
        public var msPerTrainBatch: Double
        /// The loss of the last timed batch.
        public var finalLoss: Double
        /// The peak resident set size during the workload, in MB.
        public var peakRSSMB: Double
    }

    /// A kernel workload's result.
    public init(config: String, detail: String, seconds: Double, gflops: Double, extra: [String: Double] = [:]) {
        self.config = config
        self.detail = detail
        self.seconds = seconds
        self.gflops = gflops
        self.extra = extra
    }

    /// A model workload's result.
    public init(model config: String, batch: Int, trainSPS: Double, inferSPS: Double, trainGFLOPs: Double,
                pctPeak: Double?, msPerTrainBatch: Double, finalLoss: Double, peakRSSMB: Double) {
        self.init(config: config, detail: "batch \(batch)", seconds: msPerTrainBatch / 1e3, gflops: trainGFLOPs)
        model = ModelNumbers(batch: batch, trainSPS: trainSPS, inferSPS: inferSPS, trainGFLOPs: trainGFLOPs,
                             pctPeak: pctPeak, msPerTrainBatch: msPerTrainBatch, finalLoss: finalLoss, peakRSSMB: peakRSSMB)
    }

    /// An aligned text table: kernel rows first, then model rows with their own columns.
    public static func table(_ results: [BenchResult], header: String) -> String {
        var lines = [header]
        let kernels = results.filter { $0.model == nil }, models = results.filter { $0.model != nil }
        if !kernels.isEmpty {
            lines.append(pad("config", 12) + pad("detail", 34) + lpad("seconds", 10) + lpad("GFLOP/s", 10))
            for r in kernels {
                lines.append(pad(r.config, 12) + pad(r.detail, 34)
                             + lpad(String(format: "%.3f", r.seconds), 10) + lpad(String(format: "%.1f", r.gflops), 10))
            }
        }
        if !models.isEmpty {
            lines.append(pad("config", 10) + lpad("batch", 6) + lpad("train sps", 11) + lpad("infer sps", 11)
                         + lpad("train GFLOP/s", 14) + lpad("%peak", 7) + lpad("ms/batch", 10) + lpad("loss", 8)
                         + lpad("peak RSS MB", 12))
            for r in models {
                let m = r.model!
                lines.append(pad(r.config, 10) + lpad("\(m.batch)", 6) + lpad(String(format: "%.1f", m.trainSPS), 11)
                             + lpad(String(format: "%.1f", m.inferSPS), 11) + lpad(String(format: "%.1f", m.trainGFLOPs), 14)
                             + lpad(m.pctPeak.map { String(format: "%.1f", $0) } ?? "-", 7)
                             + lpad(String(format: "%.1f", m.msPerTrainBatch), 10) + lpad(String(format: "%.4f", m.finalLoss), 8)
                             + lpad(String(format: "%.0f", m.peakRSSMB), 12))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A JSON array of `jsonObject`s, each with the machine's fields (`cpu`, `isa`, `blas`,
    /// `cpu_kind`, `threads`) when `machine` is given.
    public static func json(_ results: [BenchResult], machine: BenchMachine? = nil) -> String {
        let objects = results.map { r -> [String: Any] in
            var o = r.jsonObject
            for (k, v) in machine?.fields ?? [:] { o[k] = v }
            return o
        }
        let data = try! JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The result as JSON fields: `config`, `detail`, `seconds`, `gflops` and any extras; model
    /// workloads add `batch`, `train_sps`, `infer_sps`, `train_gflops`, `pct_peak`,
    /// `ms_per_train_batch`, `final_loss` and `peak_rss_mb`.
    public var jsonObject: [String: Any] {
        var o: [String: Any] = ["config": config, "detail": detail, "seconds": seconds, "gflops": gflops]
        for (k, v) in extra { o[k] = v }
        if let m = model {
            o["batch"] = m.batch
            o["train_sps"] = m.trainSPS
            o["infer_sps"] = m.inferSPS
            o["train_gflops"] = m.trainGFLOPs
            o["pct_peak"] = m.pctPeak ?? NSNull()
            o["ms_per_train_batch"] = m.msPerTrainBatch
            o["final_loss"] = m.finalLoss
            o["peak_rss_mb"] = m.peakRSSMB
        }
        return o
    }

    private static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count + 1), withPad: " ", startingAt: 0) }
    private static func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
}
