/// Keras's `ReduceLROnPlateau` with `cooldown=0`: multiplies the learning rate by `factor`
/// when the monitored column has not improved for `patience` epochs, never below `minimum`.
///
/// Keras parity: the wait resets on an improvement and after each reduction; a rate already at
/// or below `minimum` is left alone; the new rate is `max(rate · factor, minimum)`.
public struct PlateauReduction: Sendable {
    /// What is watched and how (the same monitor as early stopping).
    public let monitor: Monitor
    /// The multiplier, in (0, 1).
    public let factor: Float
    /// Epochs without improvement before a reduction.
    public let patience: Int
    /// The floor of the learning rate.
    public let minimum: Float
    /// The best value so far.
    public private(set) var best: Float
    /// Epochs since the last improvement or reduction.
    public private(set) var wait = 0

    /// A fresh state.
    public init(monitor: Monitor, factor: Float, patience: Int, minimum: Float = 0) {
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.minimum = minimum
        best = monitor.worst
    }

    /// Records an epoch's value; `rate` is the learning rate in use.
    /// - Returns: the reduced rate when this epoch triggers a reduction, else nil.
    public mutating func update(value: Float, rate: Float) -> Float? {
        if monitor.improves(value, on: best) {
            best = value
            wait = 0
            return nil
        }
        wait += 1
        guard wait >= patience else { return nil }
        wait = 0
        guard rate > minimum else { return nil }
        return max(rate * factor, minimum)
    }
}
