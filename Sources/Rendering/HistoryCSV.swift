import Training

/// The `export MODEL to "x.csv"` text: one row per epoch under `epoch,loss,accuracy,val_loss,val_accuracy`.
///
/// Columns are `epoch` (from 1, continuing across `train` calls) then every history key in Keras
/// order. Numbers are the shortest decimal that reads back as the same Float (`0.3348`, `1e-05`),
/// so the file round-trips exactly; non-finite values are `nan`, `inf`, `-inf` (which Python's
/// `float` and pandas read); a key an epoch lacks is an empty field. Lines end with `\n`.
/// Keras's `CSVLogger` differs in numbering epochs from 0 and sorting keys alphabetically.
public enum HistoryCSV {
    /// The CSV text for `history` (only the header when it has no epochs).
    public static func render(_ history: History) -> String {
        let keys = history.keys
        var text = (["epoch"] + keys).joined(separator: ",") + "\n"
        for record in history.epochs {
            let fields = [String(record.epoch)] + keys.map { record.value(of: $0).map(EpochRecord.csvField) ?? "" }
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }
}
