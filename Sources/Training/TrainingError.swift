/// Why a model cannot train, evaluate or predict on the data it was given.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The dataset has texts but no token ids yet.
    case notTokenized(dataset: String)
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
    /// The loss (or, at `batch` = the epoch's last, the weights) stopped being finite: training
    /// stopped there. `checkpoint`, when given, still holds the last epoch whose weights were finite.
    case nonFiniteLoss(model: String, value: Float, epoch: Int, batch: Int, checkpoint: String?)

    public var description: String {
        switch self {
        case let .notTokenized(d): return "\(d) is not tokenized yet; run `tokenize \(d.split(separator: ".").first ?? "") words=… maxlen=…` first"
        case let .empty(d): return "\(d) has no samples"
        case let .notBuilt(m): return "\(m) has no weights yet; train it or load it first"
        case let .incompatible(m, d, reason): return "\(m) cannot use \(d): \(reason)"
        case let .noTokenizer(m): return "\(m) has no tokenizer, so it cannot read raw text; train it on tokenized text first"
        case let .invalidOption(text): return text
        case let .nonFiniteLoss(m, value, epoch, batch, checkpoint):
            return "training stopped: the loss became \(value) in epoch \(epoch), batch \(batch) (a learning rate too high?); "
                + "\(m)'s weights are no longer finite and its history ends at epoch \(epoch - 1)"
                + (checkpoint.map { "; \($0) keeps the last finite weights" } ?? "")
        }
    }
}
