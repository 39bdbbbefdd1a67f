/// Why a model cannot train, evaluate or predict on the data it was given.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The dataset has texts but no token ids yet; `model`, when given, carries a tokenizer that fits it.
    case notTokenized(dataset: String, model: String?)
    /// The dataset was tokenized with another vocabulary or other options than the model was trained with.
    case otherVocabulary(model: String, dataset: String, modelEncoding: String, dataEncoding: String)
    /// The data was vectorized otherwise (another fit or options) than the data the model trained on.
    case otherFeatures(model: String, dataset: String, modelFeatures: String, dataFeatures: String)
    /// The dataset has no samples.
    case empty(dataset: String)
    /// The model has no weights yet (it was never trained or loaded).
    case notBuilt(model: String)
    /// The data does not fit the model (shape, token range, targets).
    case incompatible(model: String, dataset: String, reason: String)
    /// A text cannot be predicted because the model carries no tokenizer.
    case noTokenizer(model: String)
    /// An option is out of range.
    case invalidOption(String)

    /// `shuffle_buffer=` given for data that is not a streamed file.
    public static let shuffleBufferNeedsStream = TrainingError.invalidOption(
        "shuffle_buffer= shuffles a streamed file; data in memory or in chunks is shuffled whole by shuffle=true")
    /// An option (`validation_split`, `class_weight=balanced`) that needs every row, on a streamed dataset.
    case needsRowsInMemory(option: String, dataset: String)
    /// Ctrl-C stopped an evaluation or prediction after `done` of `total` rows; nothing was kept.
    case interrupted(done: Int, total: Int)
    /// The loss (or, at `batch` = the epoch's last, the weights) stopped being finite: training
    /// stopped there. `checkpoint`, when given, still holds the last epoch whose weights were finite.
    case nonFiniteLoss(model: String, value: Float, epoch: Int, batch: Int, checkpoint: String?)
    /// The `monitor=` column is not one this training records; `columns` are those it does.
    case unknownMonitor(String, columns: [String])
    /// The `log=` file cannot be opened, written, or holds another header.
    case logFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notTokenized(d, nil): return "\(d) is not tokenized yet; run `tokenize \(group(d)) words=… maxlen=…` first"
        case let .notTokenized(d, m?):
            return "\(d) is not tokenized yet; run `tokenize \(group(d)) like \(m)` to use \(m)'s own vocabulary"
        case let .otherVocabulary(m, d, own, other):
            return "\(d) is tokenized with another vocabulary than \(m)'s: \(d) has \(other), \(m) was trained with \(own); "
                + "run `tokenize \(group(d)) like \(m)` to use \(m)'s"
        case let .otherFeatures(m, d, own, other):
            return "\(d) is vectorized otherwise than \(m)'s training data: \(d) has \(other), \(m) was trained on \(own); "
                + "load \(group(d)) again without vectorizing it, and \(m) reads its texts with its own vectorizer"
        case let .empty(d): return "\(d) has no samples"
        case let .notBuilt(m): return "\(m) has no weights yet; train it or load it first"
        case let .incompatible(m, d, reason): return "\(m) cannot use \(d): \(reason)"
        case let .noTokenizer(m): return "\(m) has no tokenizer, so it cannot read raw text; train it on tokenized text first"
        case let .invalidOption(text): return text
        case let .needsRowsInMemory(option, dataset):
            return "\(option) needs the rows in memory, and \(dataset) is streamed from its file; load it without stream=true"
                + (option == "validation_split" ? " or give val=" : " or give class_weight=0:…,1:…")
        case let .interrupted(done, total): return "stopped by Ctrl-C after \(done) of \(total) rows; nothing was recorded or written"
        case let .nonFiniteLoss(m, value, epoch, batch, checkpoint):
            return "training stopped: the loss became \(value) in epoch \(epoch), batch \(batch) (a learning rate too high?); "
                + "\(m)'s weights are no longer finite and its history ends at epoch \(epoch - 1)"
                + (checkpoint.map { "; \($0) keeps the last finite weights" } ?? "")
        case let .unknownMonitor(column, columns):
            let hint = column.hasPrefix("val_") && !columns.contains("val_loss") ? " (give val= or validation_split=)" : ""
            return "monitor=\(column) is not a column of this training's history\(hint); it records "
                + columns.joined(separator: ", ")
        case let .logFile(path, reason): return "cannot log to '\(path)': \(reason)"
        }
    }

    /// The dataset of `NAME.split`: `tokenize` applies to the whole group.
    private func group(_ dataset: String) -> Substring { dataset.split(separator: ".").first ?? "" }
}
