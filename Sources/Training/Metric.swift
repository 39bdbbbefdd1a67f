/// The metrics `compile … metrics=` accepts (Keras names).
///
/// `acc`, `binary_accuracy` and `sparse_categorical_accuracy` are Keras's other names for
/// accuracy: each is computed as `accuracy` is for the model's output (binary for one column,
/// categorical otherwise) and logged under the name the user chose (`acc: 0.8750`), as Keras logs it.
public enum Metric: String, CaseIterable, Codable, Sendable {
    case accuracy, auc, precision, recall, f1
    case acc, binaryAccuracy = "binary_accuracy", sparseCategoricalAccuracy = "sparse_categorical_accuracy"

    /// Whether this is accuracy under one of its names.
    public var isAccuracy: Bool {
        switch self {
        case .accuracy, .acc, .binaryAccuracy, .sparseCategoricalAccuracy: return true
        case .auc, .precision, .recall, .f1: return false
        }
    }
}
