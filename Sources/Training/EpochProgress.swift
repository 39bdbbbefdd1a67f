import TensorCore

/// Where an unfinished epoch stood when `train … checkpoint_every=N` saved it, so training
/// loaded from that checkpoint continues the epoch as an uninterrupted run would.
///
/// The checkpoint's weights, optimizer state and random stream are those after `batches`
/// steps; this adds what the epoch loop itself holds: the generator as it was when the epoch
/// began (the source draws its order or shuffle-buffer seed from it again, so the same rows
/// come in the same order), the steps already taken, and the running loss and metric sums, so
/// the recorded epoch has the same loss and metrics as one never stopped.
public struct EpochProgress: Codable, Sendable {
    /// The epoch under way (its number in the history).
    public var epoch: Int
    /// Mini-batches already trained this epoch; resuming skips as many.
    public var batches: Int
    /// Samples already trained this epoch.
    public var seen: Int
    /// The batch size of those steps; resuming with another would cut different batches.
    public var batchSize: Int
    /// The samples of one epoch of the source, N; resuming on other data is refused.
    public var total: Int
    /// The model's generator as the epoch began, before the source drew from it.
    public var epochStartRNG: RandomGenerator
    /// The running training loss.
    public var loss: RunningMean
    /// The running accuracy of the progress line.
    public var accuracy: RunningMean
    /// The compiled metrics accumulated so far.
    public var metrics: EpochMetrics
    /// Training seconds spent on this epoch so far.
    public var seconds: Double

    public init(epoch: Int, batches: Int, seen: Int, batchSize: Int, total: Int, epochStartRNG: RandomGenerator,
                loss: RunningMean, accuracy: RunningMean, metrics: EpochMetrics, seconds: Double) {
        self.epoch = epoch
        self.batches = batches
        self.seen = seen
        self.batchSize = batchSize
        self.total = total
        self.epochStartRNG = epochStartRNG
        self.loss = loss
        self.accuracy = accuracy
        self.metrics = metrics
        self.seconds = seconds
    }

    /// Refuses to resume under options that would train other batches than the saved run.
    /// - Throws: `TrainingError.invalidOption` naming what differs.
    func check(batchSize given: Int, total given2: Int, model: String) throws {
        if given != batchSize {
            throw TrainingError.invalidOption("\(model) was saved \(seen) samples into epoch \(epoch) with batch=\(batchSize); "
                                              + "resume it with batch=\(batchSize), not \(given)")
        }
        if given2 != total {
            throw TrainingError.invalidOption("\(model) was saved \(seen) samples into epoch \(epoch) of \(total) samples; "
                                              + "this data has \(given2): resume on the same data")
        }
    }
}
