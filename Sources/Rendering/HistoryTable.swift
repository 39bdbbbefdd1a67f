import TensorCore
import Foundation
import LabData
import Training

/// The `history MODEL` table: one row per epoch with every history key and the epoch's seconds,
/// then a line with the test result when the model was evaluated, labelled with the epoch it
/// measured and marked stale when the model has trained since.
///
/// ```
/// epoch    loss  accuracy  val_loss  val_accuracy  seconds
/// -----  ------  --------  --------  ------------  -------
///     1  0.6931    0.5012    0.6925        0.5100     12.3
/// ```
/// Values use Keras's 4-decimal format; a key an epoch lacks shows `-`, and so do the seconds of
/// an epoch read from a model file (files keep no timings).
public enum HistoryTable {
    /// The table text, or a one-line note when the history has no epochs.
    /// - Parameters:
    ///   - history: the model's history.
    ///   - model: the model's name, used in the empty note.
    public static func render(_ history: History, model: String) -> String {
        guard !history.epochs.isEmpty else { return "\(model) has not been trained yet\n" }
        let keys = history.keys
        let rows = history.epochs.map { record in
            [String(record.epoch)] + keys.map { record.value(of: $0).map(KerasFormat.metric) ?? "-" }
                + [record.seconds.map { String(format: "%.1f", $0) } ?? "-"]
        }
        var text = TextTable(header: ["epoch"] + keys + ["seconds"], rows: rows).text
        if let test = history.test {
            let values = ([MetricValue("loss", test.loss)] + test.metrics)
                .map { "\($0.name) \(KerasFormat.metric($0.value))" }.joined(separator: " - ")
            let stale = test.isCurrent ? "" : " (stale: trained since; evaluate again)"
            text += "test \(test.label)\(stale): \(values) (\(NumberFormat.grouped(test.samples)) samples)\n"
        }
        return text
    }
}
