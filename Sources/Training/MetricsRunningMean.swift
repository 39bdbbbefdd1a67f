/// The running mean of per-batch values weighted by batch size, accumulated in Double.
///
/// Keras reports the epoch loss as the sample-weighted mean of the batch losses, so a short
/// final batch counts by its size; `add(batchMean, count: batchSize)` after each batch and
/// read `mean` for the progress line and the history.
public struct RunningMean: Equatable, Codable, Sendable {
    /// The weighted sum of the values added so far.
    public private(set) var sum: Double = 0
    /// The total weight (samples) added so far.
    public private(set) var count: Int = 0

    /// An empty accumulator.
    public init() {}

    /// Adds the mean `value` of a batch of `count` samples.
    public mutating func add(_ value: Float, count: Int) {
        precondition(count >= 0, "RunningMean.add: negative count \(count)")
        sum += Double(value) * Double(count)
        self.count += count
    }

    /// The weighted mean so far, or 0 before anything was added.
    public var mean: Float { count == 0 ? 0 : Float(sum / Double(count)) }
}
