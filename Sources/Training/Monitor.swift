/// Whether a monitored history column should go down or up.
public enum MonitorMode: String, Sendable, CaseIterable, Codable {
    /// Lower is better (losses).
    case min
    /// Higher is better (accuracy, auc, precision, recall, f1).
    case max
    /// `max` for columns naming an accuracy (`acc` in the name, as Keras tests it) or auc, precision,
    /// recall, f1; `min` for anything else (Keras `mode='auto'`).
    case auto

    /// The mode `auto` stands for on `column`, as Keras decides it from the name.
    public func resolved(for column: String) -> MonitorMode {
        guard self == .auto else { return self }
        let base = column.hasPrefix("val_") ? String(column.dropFirst(4)) : column
        return base.contains("acc") || ["auc", "precision", "recall", "f1"].contains(base) ? .max : .min
    }
}

/// A history column watched by early stopping, ReduceLROnPlateau and best-only checkpoints,
/// with Keras's test for "improved".
///
/// Keras parity: in `min` mode a value improves on `best` when `value < best − minDelta`,
/// in `max` mode when `value > best + minDelta`. NaN never improves (NumPy's comparisons).
public struct Monitor: Equatable, Sendable {
    /// The history column: `val_loss`, `val_auc`, `loss`, `lr`, ….
    public var column: String
    /// `min` or `max` (never `auto`: resolved at creation).
    public let mode: MonitorMode
    /// The least change that counts as an improvement (≥ 0).
    public var minDelta: Float

    /// Watches `column`; `auto` is resolved from the column's name.
    public init(_ column: String = "val_loss", mode: MonitorMode = .auto, minDelta: Float = 0) {
        self.column = column
        self.mode = mode.resolved(for: column)
        self.minDelta = abs(minDelta)
    }

    /// The starting best: +∞ for `min`, −∞ for `max`, so the first finite value improves.
    public var worst: Float { mode == .max ? -.infinity : .infinity }

    /// Whether `value` improves on `best` by more than `minDelta`.
    public func improves(_ value: Float, on best: Float) -> Bool {
        mode == .max ? value - minDelta > best : value + minDelta < best
    }
}
