import Foundation
import Rendering
import TensorCore
import Training

/// The printed forms of stored runs: the `runs` list, `show run N`, and the `compare run …` rows.
/// Pure functions of `StoredRun` values; times print in UTC.
public enum RunText {
    /// `2026-12-03 01:44` (UTC).
    public static func when(_ date: Date, seconds: Bool = false) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The `runs` table, most recent first:
    /// ```
    /// id  when              kind   status    model      data           epochs  best val             test
    /// --  ----------------  -----  --------  ---------  -------------  ------  -------------------  ---------------
    /// 12  2026-12-03 01:44  train  finished  sentiment  reviews.train       4  val_accuracy 0.8553  accuracy 0.8208
    /// ```
    /// `best val` is the highest validation accuracy (else the lowest validation loss) over the epochs;
    /// `test` is the accuracy (else the loss) of the run's latest `evaluate`, or an evaluate / report's own.
    public static func list(_ runs: [StoredRun], storePath: String) -> String {
        guard !runs.isEmpty else { return "no runs recorded in \(storePath)\n" }
        let rows = runs.map { r -> [String] in
            [String(r.id), when(r.startedAt), r.kind.rawValue, r.status.rawValue, r.model, r.data,
             r.kind == .train ? String(r.epochs.count) : "-", bestValidation(r) ?? "-", headline(r.kind == .train ? r.test : r.results) ?? "-"]
        }
        return TextTable(header: ["id", "when", "kind", "status", "model", "data", "epochs", "best val", "test"],
                         rows: rows, leftAligned: 6).text
    }

    /// `val_accuracy 0.8553`: the best validation accuracy, else the lowest validation loss.
    public static func bestValidation(_ run: StoredRun) -> String? {
        let history = History(epochs: run.epochs)
        for key in history.keys where key.hasPrefix("val_") && (key.hasSuffix("accuracy") || key.hasSuffix("acc")) {
            if let best = history.series(key).map(\.value).filter({ !$0.isNaN }).max() { return "\(key) \(KerasFormat.metric(best))" }
        }
        return history.bestValidationLoss.map { "val_loss \(KerasFormat.metric($0.value))" }
    }

    /// `accuracy 0.8208`, else `loss 0.5118`.
    public static func headline(_ results: [MetricValue]) -> String? {
        let pick = results.first { $0.name == "accuracy" || $0.name == "acc" } ?? results.first { $0.name == "loss" }
        return pick.map { "\($0.name) \(KerasFormat.metric($0.value))" }
    }

    /// `show run N`: what ran, where and on what, its settings, model, history and results.
    public static func detail(_ r: StoredRun) -> String {
        var lines: [String] = []
        lines.append("run \(r.id): \(r.kind.rawValue) \(r.model) on \(r.data) (\(r.status.rawValue))")
        let took = r.endedAt.map { " (" + NumberFormat.duration($0.timeIntervalSince(r.startedAt)) + ")" } ?? ""
        lines.append("started    \(when(r.startedAt, seconds: true)) UTC\(took)")
        lines.append("statement  \(r.statement)")
        lines.append("script     \(r.scriptPath ?? "the prompt") (sha256 \(r.scriptHash.prefix(12)))")
        lines.append("machine    seed \(r.seed), threads \(r.threads), lab \(r.labVersion), OpenBLAS \(r.blas), \(r.cpu)")
        for f in r.dataFiles {
            lines.append("data       \(f.path) (\(NumberFormat.grouped(f.bytes)) bytes, sha256 \(f.sha256.prefix(12)))")
        }
        if !r.hyperparameters.isEmpty {
            lines.append("settings   " + r.hyperparameters.map { "\($0.name)=\($0.value)" }.joined(separator: " "))
        }
        lines.append("model      \(NumberFormat.grouped(r.parameters)) params")
        var text = lines.joined(separator: "\n") + "\n" + r.modelSummary
        if !text.hasSuffix("\n") { text += "\n" }
        if r.kind == .train { text += HistoryTable.render(History(epochs: r.epochs), model: "run \(r.id)") }
        let results = r.kind == .train ? r.test : r.results
        if !results.isEmpty {
            let label = r.kind == .train ? "test" : "results"
            text += "\(label): " + results.map { "\($0.name) \(KerasFormat.metric($0.value))" }.joined(separator: " - ") + "\n"
        }
        for f in r.filesWritten { text += "wrote \(f.path) (\(f.role))\n" }
        return text
    }

    /// A `compare` row for a stored train run, named `run 12`.
    public static func compareRow(_ r: StoredRun) -> CompareTable.Row {
        CompareTable.Row(model: "run \(r.id)", history: r.history, parameters: r.parameters)
    }
}
