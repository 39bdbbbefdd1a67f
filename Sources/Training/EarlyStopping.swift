/// Keras's `EarlyStopping` decision, epoch by epoch, on a monitored column.
///
/// Each epoch's value either improves on the best (by more than `minDelta`) and resets the
/// wait, or adds one to it and stops training once the wait reaches `patience` (Keras 2.3's
/// order: an improving epoch never stops, so `patience=0` stops at the first epoch that does not improve).
/// The state lives for one `train` call, as a Keras callback's does for one `fit`.
public struct EarlyStopping: Sendable {
    /// What is watched and how.
    public let monitor: Monitor
    /// Epochs without improvement tolerated before stopping.
    public let patience: Int
    /// The best value so far.
    public private(set) var best: Float
    /// The epoch of `best` (0 before any).
    public private(set) var bestEpoch = 0
    /// Epochs since the last improvement.
    public private(set) var wait = 0

    /// A fresh state.
    public init(monitor: Monitor, patience: Int) {
        self.monitor = monitor
        self.patience = patience
        best = monitor.worst
    }

    /// Records `epoch`'s value of the monitored column.
    /// - Returns: whether it improved on the best, and whether training should stop now.
    public mutating func update(epoch: Int, value: Float) -> (improved: Bool, stop: Bool) {
        guard monitor.improves(value, on: best) else {
            wait += 1
            return (false, wait >= patience)
        }
        best = value
        bestEpoch = epoch
        wait = 0
        return (true, false)
    }
}
