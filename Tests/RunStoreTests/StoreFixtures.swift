import Foundation
@testable import RunStore
import Training

/// Temporary stores and runs with fixed values, for the store's tests.
enum StoreFixtures {
    /// A fresh store path in a new temporary folder (the folder is created by the store).
    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "store-\(UUID().uuidString)/runs/lab.sqlite"
    }

    /// A run start with fixed, readable values.
    static func start(_ kind: RunKind = .train, model: String = "m", data: String = "s.train, s.val", session: String = "S1",
                      trainRun: Int64? = nil, at seconds: Double = 1_796_262_841) -> RunStart {
        RunStart(kind: kind, model: model, data: data, statement: "\(kind.rawValue) \(model) on s.train val=s.val epochs=2",
                 script: "seed 3\n\(kind.rawValue) \(model) on s.train\n", scriptPath: "t.exp", session: session, seed: 3, threads: 2,
                 labVersion: "0.1.0", cpu: "AMD EPYC", blas: "Zen",
                 dataFiles: [DataFile(path: "data/s.txt", sha256: String(repeating: "ab", count: 32), bytes: 58_226)],
                 modelDefinition: "{}", modelSummary: "Model: \"\(model)\"\n", parameters: 4553,
                 hyperparameters: [("epochs", "2"), ("batch", "50")], trainRun: trainRun,
                 startedAt: Date(timeIntervalSince1970: seconds))
    }

    /// Epoch `n` with loss falling and accuracy rising.
    static func epoch(_ n: Int, seconds: Double? = 1.25) -> EpochRecord {
        EpochRecord(epoch: n, values: [MetricValue("loss", 0.7 - 0.1 * Float(n)), MetricValue("accuracy", 0.5 + 0.1 * Float(n)),
                                       MetricValue("val_loss", 0.75 - 0.1 * Float(n)), MetricValue("val_accuracy", 0.45 + 0.1 * Float(n))],
                    seconds: seconds)
    }

    /// A store holding train run 1 (2 epochs, finished at +3 s) and evaluate run 2 of it.
    static func twoRuns(at path: String) throws -> RunStore {
        let store = try RunStore(path: path)
        let train = try store.begin(start())
        try store.appendEpoch(run: train, epoch(1))
        try store.appendEpoch(run: train, epoch(2))
        try store.addFile(run: train, path: "runs/m.safetensors", role: "checkpoint")
        try store.finish(run: train, status: .finished, at: Date(timeIntervalSince1970: 1_796_262_844))
        let evaluation = try store.begin(start(.evaluate, data: "s.test", trainRun: train, at: 1_796_262_900))
        try store.addResults(run: evaluation, [MetricValue("loss", 0.5), MetricValue("accuracy", 0.8125)])
        try store.finish(run: evaluation, status: .finished, at: Date(timeIntervalSince1970: 1_796_262_901))
        return store
    }
}
