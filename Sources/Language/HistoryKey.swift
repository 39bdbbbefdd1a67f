import Training

/// A column of a training history: `loss`, a metric, or either with `val_`; or `lr`, the
/// learning rate of each epoch when `reduce_lr=` or `lr_schedule=` changed it.
public struct HistoryKey: Hashable, Sendable, CustomStringConvertible {
    /// The quantity a history column records.
    public enum Quantity: Hashable, Sendable {
        /// `loss`.
        case loss
        /// A metric column such as `accuracy`.
        case metric(Metric)
        /// `lr`, the learning rate (never on validation data).
        case learningRate
    }

    /// Loss or which metric.
    public var quantity: Quantity
    /// Whether the column is measured on the validation data (`val_` prefix).
    public var isValidation: Bool

    /// The column of `quantity`, on the validation data when `isValidation`.
    public init(_ quantity: Quantity, isValidation: Bool = false) {
        self.quantity = quantity
        self.isValidation = isValidation
    }

    /// Parses a Keras history name such as `loss`, `accuracy` or `val_auc` (case-insensitive).
    public init?(name: String) {
        var base = name.lowercased()
        isValidation = base.hasPrefix("val_")
        if isValidation { base.removeFirst(4) }
        if base == "lr", !isValidation {
            quantity = .learningRate
        } else if base == "loss" {
            quantity = .loss
        } else if let metric = Metric(rawValue: base) {
            quantity = .metric(metric)
        } else {
            return nil
        }
    }

    /// The Keras name: `loss`, `val_loss`, `accuracy`, `val_accuracy`, ….
    public var description: String {
        let base = switch quantity {
        case .loss: "loss"
        case .metric(let metric): metric.rawValue
        case .learningRate: "lr"
        }
        return isValidation ? "val_" + base : base
    }

    /// Every name `init(name:)` accepts, for suggestions and completion.
    public static let allNames: [String] = {
        let bases = ["loss"] + Metric.allCases.map(\.rawValue)
        return bases + bases.map { "val_" + $0 } + ["lr"]
    }()
}

/// `expect NAME [last|best|test] KEY OP NUMBER`: a check that fails a script when false.
public struct Expectation: Equatable, Sendable {
    /// Which value of the history the check reads.
    public enum Qualifier: String, CaseIterable, Sendable {
        /// The last finished epoch (the default).
        case last
        /// The best epoch: lowest for a loss, highest for a metric.
        case best
        /// The model's most recent `evaluate`.
        case test
    }

    /// The model whose results are checked.
    public var model: String
    /// Which value is read.
    public var qualifier: Qualifier
    /// The history column (for `test`, never a `val_` column).
    public var key: HistoryKey
    /// How value and bound compare.
    public var comparison: Comparison
    /// The bound.
    public var bound: Double

    /// A check of `model`'s `key` (read as `qualifier` says) against `bound`.
    public init(model: String, qualifier: Qualifier = .last, key: HistoryKey, comparison: Comparison, bound: Double) {
        self.model = model
        self.qualifier = qualifier
        self.key = key
        self.comparison = comparison
        self.bound = bound
    }
}
