import Foundation
import RunStore
import Training

/// What recording a run costs training: the time of one epoch's commit to the run store (its
/// own `BEGIN IMMEDIATE` transaction: the epoch row and four history values), over 1,000 epochs
/// written to a fresh store in a temporary folder.
public enum StoreBench {
    /// Runs the benchmark once after 50 warm-up epochs.
    /// - Throws: `RunStoreError` when the temporary store cannot be written.
    public static func run(epochs: Int = 1000) throws -> [BenchResult] {
        let folder = NSTemporaryDirectory() + "lab-storebench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try RunStore(path: folder + "/lab.sqlite")
        let start = RunStart(kind: .train, model: "m", data: "d.train", statement: "train m on d.train", script: "", scriptPath: nil,
                             session: "bench", seed: 1, threads: 1, labVersion: "", cpu: "", blas: "", dataFiles: [],
                             modelDefinition: "{}", modelSummary: "", parameters: 0, hyperparameters: [], trainRun: nil,
                             startedAt: Date())
        let id = try store.begin(start)
        func record(_ n: Int) -> EpochRecord {
            EpochRecord(epoch: n, values: ["loss", "accuracy", "val_loss", "val_accuracy"].map { MetricValue($0, Float(n) * 1e-3) },
                        seconds: 1)
        }
        for n in 1...50 { try store.appendEpoch(run: id, record(n)) }
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        let t0 = now()
        for n in 51..<(51 + epochs) { try store.appendEpoch(run: id, record(n)) }
        let seconds = (now() - t0) / Double(epochs)
        return [BenchResult(config: "store", detail: "one epoch's commit (4 history values), WAL, synchronous=NORMAL",
                            seconds: seconds, gflops: 0, extra: ["microseconds_per_epoch": seconds * 1e6])]
    }
}
