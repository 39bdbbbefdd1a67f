import TensorCore
import LabData
import Training

/// The `compare m1 m2 …` table: one row per model with its last losses, best validation loss and
/// epoch, test loss and accuracy, parameter count and training time.
///
/// ```
/// model  train loss  val loss  best val loss  best epoch  test loss  test accuracy   params    time
/// -----  ----------  --------  -------------  ----------  ---------  -------------  -------  ------
/// lstm1      0.2301    0.3012         0.2950           3     0.3100         0.8712  693,301  2m 36s
/// ```
/// A value the model lacks (never validated, never evaluated) shows `-`. A test result measured
/// on weights the model has trained away from is stale: its columns show `-` and a note under the
/// table says so, so the table never presents it as the model's. `time` is the training
/// time measured in this session (`-` for a model loaded from a file and not trained since).
public enum CompareTable {
    /// One model's entry.
    public struct Row: Sendable {
        /// The model's session name.
        public var model: String
        /// Its training record.
        public var history: History
        /// Its total parameter count.
        public var parameters: Int

        /// A row for `model`.
        public init(model: String, history: History, parameters: Int) {
            self.model = model
            self.history = history
            self.parameters = parameters
        }
    }

    /// The column titles, in order.
    public static let header = ["model", "train loss", "val loss", "best val loss", "best epoch",
                                "test loss", "test accuracy", "params", "time"]

    /// The table text.
    public static func render(_ rows: [Row]) -> String {
        let cells = rows.map { row -> [String] in
            let h = row.history
            let best = h.bestValidationLoss
            return [row.model, format(h.last("loss")), format(h.last("val_loss")), format(best?.value),
                    best.map { String($0.epoch) } ?? "-", format(h.currentTest?.loss),
                    format(h.currentTest?.accuracy), NumberFormat.grouped(row.parameters),
                    h.isTimed ? NumberFormat.duration(h.trainingSeconds) : "-"]
        }
        let notes = rows.compactMap { row -> String? in
            guard let test = row.history.test, !test.isCurrent else { return nil }
            return "\(row.model): its test result (\(test.label)) is stale: trained since; evaluate it again\n"
        }
        return TextTable(header: header, rows: cells, leftAligned: 1).text + notes.joined()
    }

    private static func format(_ value: Float?) -> String { value.map(KerasFormat.metric) ?? "-" }
}
