import Training

/// The text of Keras 2's per-epoch progress output (`Progbar`, verbose=1), as pure functions.
///
/// Final line: `233068/233068 [==============================] - 156s 668us/step - loss: 0.3348 - val_loss: 0.2185`.
/// Live line:  `  640/25000 [..............................] - ETA: 1:05 - loss: 0.6912`.
/// The count is right-aligned to the width of the total; the bar is 30 characters of `=`
/// headed by `>` while running. As in Keras, a bar under 1/30 done is all dots.
public enum ProgressLine {
    /// The bar width in characters, as Keras's `Progbar(width=30)`.
    public static let barWidth = 30

    /// `Epoch 3/10`.
    public static func epochHeader(epoch: Int, of epochs: Int) -> String {
        "Epoch \(epoch)/\(epochs)"
    }

    /// `  640/25000 [==>...........................]`: the count right-aligned to the total's width,
    /// then the bar (`=` done, `>` head while running, `.` to go).
    public static func bar(seen: Int, total: Int) -> String {
        let width = String(total).count
        let count = String(repeating: " ", count: max(0, width - String(seen).count)) + String(seen)
        let done = total > 0 ? min(barWidth, barWidth * seen / total) : barWidth
        var bar = ""
        if done > 0 {
            bar += String(repeating: "=", count: done - 1)
            bar += seen < total ? ">" : "="
        }
        bar += String(repeating: ".", count: barWidth - done)
        return "\(count)/\(total) [\(bar)]"
    }

    /// ` - loss: 0.3348 - accuracy: 0.8759` for the values in order (see `KerasFormat.metric`).
    public static func values(_ values: [MetricValue]) -> String {
        values.map { " - \($0.name): \(KerasFormat.metric($0.value))" }.joined()
    }

    /// The line that ends an epoch: bar full, total time, time per step, then every value.
    /// - Parameters:
    ///   - total: samples (or batches) in the epoch; also the step unit of the per-step time.
    ///   - seconds: the epoch's wall time.
    ///   - values: training values then `val_` values, in Keras order.
    public static func final(total: Int, seconds: Double, values: [MetricValue]) -> String {
        let perStep = total > 0 ? seconds / Double(total) : 0
        return bar(seen: total, total: total) + " - " + KerasFormat.seconds(seconds) + " "
            + KerasFormat.perStep(perStep) + Self.values(values)
    }

    /// A live frame while an epoch runs: bar, estimated time left, running means so far.
    /// - Parameters:
    ///   - seen: samples (or batches) done; the ETA assumes the same rate for the rest.
    ///   - total: samples (or batches) in the epoch.
    ///   - elapsed: seconds since the epoch started.
    ///   - values: the running training values.
    ///   - resumedAt: samples done before a resumed checkpoint, not part of `elapsed`.
    public static func live(seen: Int, total: Int, elapsed: Double, values: [MetricValue], resumedAt: Int = 0) -> String {
        let perStep = seen > resumedAt ? elapsed / Double(seen - resumedAt) : 0
        return bar(seen: seen, total: total) + " - ETA: " + KerasFormat.eta(perStep * Double(total - seen))
            + Self.values(values)
    }

    /// The line that reports an epoch stopped by Ctrl-C; its values are not recorded.
    public static func interrupted(epoch: Int, seen: Int, total: Int) -> String {
        "Epoch \(epoch) interrupted after \(seen)/\(total); history kept up to epoch \(epoch - 1)"
    }
}
