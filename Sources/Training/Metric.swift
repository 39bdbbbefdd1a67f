/// The metrics `compile … metrics=` accepts (Keras names).
public enum Metric: String, CaseIterable, Sendable {
    case accuracy, auc, precision, recall, f1
}
