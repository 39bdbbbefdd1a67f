import Training

/// Drives Keras-style progress output for `train`, writing through a sink.
///
/// On a terminal, each epoch prints `Epoch 3/10`, then live frames redrawn in place with `\r`
/// (at most one per `refreshInterval` seconds of the clock values passed in), and ends with the
/// final line. Elsewhere (a pipe, a log file) only the header and the final line are written, with
/// no carriage returns. Time is an input (`now`, seconds on any monotonic clock), so every frame
/// is reproducible in tests.
public struct ProgressReporter {
    /// Whether output goes to a terminal (live redraws) or not (final lines only).
    public let isTerminal: Bool
    /// The least time between two live frames, in seconds (Keras uses 0.05; 0.1 caps at 10/s).
    public let refreshInterval: Double
    private let write: (String) -> Void
    private var epoch = 0
    private var epochStart = 0.0
    private var lastDraw: Double?
    private var drawnWidth = 0
    private var lastSeen = 0
    private var resumedAt = 0
    private var lastTotal = 0

    /// A reporter writing text (with its own newlines) to `write`.
    public init(isTerminal: Bool, refreshInterval: Double = 0.1, write: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.refreshInterval = refreshInterval
        self.write = write
    }

    /// Writes `Epoch <epoch>/<epochs>` and starts the epoch's clock at `now`.
    /// - Parameter resumedAt: samples trained before a resumed checkpoint; the ETA counts the
    ///   rate from here on only.
    public mutating func epochStarted(_ epoch: Int, of epochs: Int, now: Double, resumedAt: Int = 0) {
        self.epoch = epoch
        epochStart = now
        self.resumedAt = resumedAt
        lastDraw = nil
        drawnWidth = 0
        lastSeen = 0
        write(ProgressLine.epochHeader(epoch: epoch, of: epochs) + "\n")
    }

    /// Records progress after a batch and, on a terminal, redraws the live line unless the last
    /// frame is younger than `refreshInterval`.
    /// - Parameters:
    ///   - seen: samples (or batches) done in this epoch.
    ///   - total: samples (or batches) in the epoch.
    ///   - metrics: running training values so far (`loss`, `accuracy`, …).
    ///   - now: the clock.
    public mutating func batchFinished(seen: Int, total: Int, metrics: [MetricValue], now: Double) {
        lastSeen = seen
        lastTotal = total
        guard isTerminal, seen < total else { return }
        if let last = lastDraw, now - last < refreshInterval { return }
        lastDraw = now
        redraw(ProgressLine.live(seen: seen, total: total, elapsed: now - epochStart, values: metrics, resumedAt: resumedAt))
    }

    /// Writes the epoch's final line (replacing the live one on a terminal).
    /// - Parameters:
    ///   - total: samples (or batches) in the epoch.
    ///   - metrics: the epoch's training values.
    ///   - validation: validation values under plain keys (`loss`, …); printed as `val_loss`, ….
    ///   - seconds: the epoch's wall time.
    public mutating func epochFinished(total: Int, metrics: [MetricValue], validation: [MetricValue], seconds: Double) {
        let line = ProgressLine.final(total: total, seconds: seconds, values: metrics + validation.map(\.validation))
        if isTerminal { redraw(line) } else { write(line) }
        write("\n")
        drawnWidth = 0
    }

    /// Ends the live line and reports that Ctrl-C stopped `epoch` after `seen` of `total` samples.
    ///
    /// The numbers come from the trainer, not from the last line drawn: Ctrl-C during an
    /// epoch's last batch lets that epoch finish and stops before the next (epoch + 1, 0 seen).
    public mutating func epochInterrupted(epoch: Int, seen: Int, total: Int) {
        if drawnWidth > 0 { write("\n") }
        drawnWidth = 0
        write(ProgressLine.interrupted(epoch: epoch, seen: seen, total: total) + "\n")
    }

    /// Returns to the line start and writes `line`, blanking what a longer previous frame left.
    private mutating func redraw(_ line: String) {
        let width = line.count
        write("\r" + line + String(repeating: " ", count: max(0, drawnWidth - width)))
        drawnWidth = width
    }
}
