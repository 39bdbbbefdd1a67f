import DataParallel
import Foundation
import LabData
import NeuralNet
import TensorCore

/// Keras's `fit`: epochs of shuffled mini-batches, validation after each epoch,
/// one continuous history, plus checkpoints, early stopping and Ctrl-C.
///
/// After each recorded epoch the Keras callbacks run in this order: the CSV log row
/// (`CSVLogger`), the checkpoint (`ModelCheckpoint`, best-only on `options.monitor`),
/// `ReduceLROnPlateau`, then `EarlyStopping`, all watching the same monitored column.
///
/// Reported values follow Keras: the training loss is the sample-weighted mean
/// of the batch losses (with dropout active, before each update), training
/// metrics are computed over all predictions the epoch made, and validation
/// loss and metrics come from inference mode after the epoch.
public enum Trainer {
    /// Trains `model` on `train` held in memory, building and compiling it first when needed.
    ///
    /// Samples are reshuffled every epoch from the model's generator when `options.shuffle`;
    /// every metric, AUC included, is exact over the epoch's predictions.
    /// - Parameters:
    ///   - trainName, validationName: the datasets' session names, for messages.
    ///   - clock: seconds on a monotonic clock (injected so tests are reproducible).
    ///   - interrupt: polled after every batch; cleared when training starts.
    ///   - observe: receives progress events as they happen.
    /// - Returns: how the call ended. The history holds every finished epoch.
    /// - Throws: `TrainingError` when the data does not fit the model (before any
    ///   weight changes), `ModelError` for an impossible stack, file errors from checkpoints.
    public static func fit(_ model: Model, on train: Dataset, trainName: String,
                           validation: Dataset? = nil, validationName: String = "",
                           options: FitOptions, interrupt: InterruptFlag = .shared, communicator: Communicator? = nil,
                           clock: () -> Double, observe: (TrainingEvent) -> Void = { _ in }) throws -> FitOutcome {
        try fit(model, batches: try InMemoryBatches(train, named: trainName), trainName: trainName,
                       validation: validation, validationName: validationName, options: options,
                       interrupt: interrupt, communicator: communicator, clock: clock, observe: observe)
    }

    /// Trains `model` on the batches of `source` (in memory or streamed from a file): the one epoch
    /// loop behind every `fit`.
    ///
    /// Training metrics are accumulated batch by batch (`EpochMetrics`): exact counts for
    /// accuracy, precision, recall and F1; AUC exact when the source holds all rows, else binned.
    /// - Parameters: as `fit(_:on:…)`; `source` gives N, T and the batches of each epoch.
    ///   - communicator: the processes of a data-parallel run (`mpirun`), nil for one process. Each
    ///     process then computes its share of every global batch of `options.batchSize` rows and
    ///     the gradients are averaged (`DataParallelStep`); every process records the same history.
    /// - Throws: `TrainingError` when the data does not fit the model, the monitored column is not
    ///   one this training records (`unknownMonitor`) or the log file cannot be opened (all before any
    ///   weight changes), or the source refuses `options.shuffle`; errors reading a streamed file, file
    ///   errors from checkpoints and log rows.
    public static func fit(_ model: Model, batches source: some BatchSource, trainName: String,
                           validation: Dataset? = nil, validationName: String = "",
                           options: FitOptions, interrupt: InterruptFlag = .shared, communicator: Communicator? = nil,
                           clock: () -> Double, observe: (TrainingEvent) -> Void = { _ in }) throws -> FitOutcome {
        guard options.epochs >= 1 else { throw TrainingError.invalidOption("epochs= must be at least 1") }
        guard options.batchSize >= 1 else { throw TrainingError.invalidOption("batch= must be at least 1") }
        try model.network.definition.requireMemoryForTraining(name: model.name, inputLength: source.inputLength,
                                                              batchSize: min(options.batchSize, max(source.count, 1)),
                                                              includingWeights: !model.network.isBuilt)
        try prepare(model, inputLength: source.inputLength)
        do {
            try source.check(model.network)
        } catch let error as ModelError {
            throw TrainingError.incompatible(model: model.name, dataset: trainName, reason: error.description)
        }
        // The caller checks the validation data's vocabulary (`checkVocabulary`) before the model
        // takes the training data's encoding.
        let validationInputs = try validation.map { try checkedInputs(model, $0, named: validationName, encodedWith: nil) }
        let network = model.network
        guard let optimizer = network.optimizer else { preconditionFailure("prepare compiles the model") }
        let columns = historyColumns(metrics: model.metrics.map(\.key), validates: validation != nil, options: options)
        if options.usesMonitor, !columns.contains(options.monitor.column) {
            throw TrainingError.unknownMonitor(options.monitor.column, columns: columns)
        }
        let log = try options.log.map { try EpochLog(path: $0, columns: columns) }
        let parallel = try communicator.map {
            try DataParallelStep.start($0, model: model, source: source, validationInputs: validationInputs, options: options)
        }
        interrupt.clear()

        // Schedule and clipping given to `train` hold for this call only.
        let compiledClipping = optimizer.clipping
        if let clipping = options.clipping { optimizer.clipping = clipping }
        optimizer.schedule = options.schedule
        defer {
            optimizer.clipping = compiledClipping
            optimizer.schedule = nil
        }

        let n = source.count
        var stopping = options.patience.map { EarlyStopping(monitor: options.monitor, patience: $0) }
        var plateau = options.reduceFactor.map {
            PlateauReduction(monitor: options.monitor, factor: $0, patience: options.reducePatience, minimum: options.minLearningRate)
        }
        // ModelCheckpoint compares without min_delta.
        let checkpointMonitor = Monitor(options.monitor.column, mode: options.monitor.mode)
        var bestSaved = checkpointMonitor.worst
        var bestWeights: [Tensor]?
        // Saturates: `epochs=9223372036854775807` is a valid way to say "until early stopping".
        let lastEpoch = CheckedSize.sum([model.history.nextEpoch - 1, options.epochs]) ?? Int.max

        if let every = options.checkpointEvery, every < 1 { throw TrainingError.invalidOption("checkpoint_every= must be at least 1") }
        // A checkpoint saved mid-epoch (`checkpoint_every=`) continues that epoch.
        let resume = model.resumePoint.flatMap { $0.epoch == model.history.nextEpoch ? $0 : nil }
        try resume?.check(batchSize: options.batchSize, total: n, model: model.name)
        model.resumePoint = nil

        for call in 0..<options.epochs {
            let epoch = model.history.nextEpoch
            let resuming = call == 0 ? resume : nil
            // The source draws its order from the generator as the epoch began, so a resumed epoch
            // meets the same rows in the same order; the generator then goes on from the checkpoint's.
            let epochStartRNG = resuming?.epochStartRNG ?? model.rng
            let afterCheckpoint = model.rng
            model.rng = epochStartRNG
            try source.beginEpoch(shuffle: options.shuffle ?? source.shufflesByDefault, shuffleBuffer: options.shuffleBuffer,
                                  using: &model.rng)
            if resuming != nil { model.rng = afterCheckpoint }
            model.history.weightsWillChange()
            observe(.epochStarted(epoch: epoch, lastEpoch: lastEpoch, resumedAt: resuming?.seen ?? 0))
            let start = clock() - (resuming?.seconds ?? 0)
            var loss = resuming?.loss ?? RunningMean(), accuracy = resuming?.accuracy ?? RunningMean()
            var metrics = resuming?.metrics ?? EpochMetrics(model.metrics, exactAUC: source.holdsAllRows)
            var seen = resuming?.seen ?? 0, stopped = false, batches = 0
            var skipping = resuming?.batches ?? 0
            // In a data-parallel run, whether any process asked to stop (all decide alike).
            var interruptedBatch = false
            var nonFinite: Double?
            var rate = optimizer.currentLearningRate
            try forEachBatch(of: source, parallel: parallel, batchSize: options.batchSize) { x, localY, shares in
                batches += 1
                // Resuming: the batches the checkpoint already trained on.
                if skipping > 0 { skipping -= 1; return true }
                rate = optimizer.currentLearningRate
                let batchLoss: Double, p: Tensor, y: Tensor
                var interrupted = interrupt.isRequested
                if let parallel, let shares {
                    (batchLoss, interrupted) = try parallel.step(local: x, y: localY, shares: shares, classWeights: options.classWeights,
                                                                 interruptRequested: interrupted, using: &model.rng)
                    (p, y) = (parallel.predictions, parallel.targets)
                    interruptedBatch = interrupted
                } else if let parallel {
                    (batchLoss, interrupted) = try parallel.step(x: x, y: localY, sampleWeights: try options.classWeights?.sampleWeights(for: localY),
                                                                 interruptRequested: interrupted, using: &model.rng)
                    (p, y) = (parallel.predictions, localY)
                    interruptedBatch = interrupted
                } else {
                    y = localY
                    let sampleWeights = try options.classWeights?.sampleWeights(for: y)
                    batchLoss = network.trainStep(x, y: y, sampleWeights: sampleWeights, using: &model.rng)
                    p = network.lastPredictions
                }
                let rows = y.shape.first ?? 0
                // Keras's TerminateOnNaN: nothing after a non-finite loss is worth computing.
                guard batchLoss.isFinite else { nonFinite = batchLoss; return false }
                metrics.add(predictions: p, targets: y)
                loss.add(Float(batchLoss), count: rows)
                var running = [MetricValue("loss", loss.mean)]
                if let shown = model.metrics.first(where: \.isAccuracy) {
                    accuracy.add(shown.compute(predictions: p, targets: y), count: rows)
                    running.append(MetricValue(shown.key, accuracy.mean))
                }
                seen += rows
                observe(.batchFinished(seen: seen, total: max(n, seen), running: running))
                if let every = options.checkpointEvery, let path = options.checkpoint, batches % every == 0, seen < n {
                    let progress = EpochProgress(epoch: epoch, batches: batches, seen: seen, batchSize: options.batchSize, total: n,
                                                 epochStartRNG: epochStartRNG, loss: loss, accuracy: accuracy, metrics: metrics,
                                                 seconds: clock() - start)
                    try saveCheckpoint(model, to: path, progress: progress, epoch: epoch, batch: batches)
                    observe(.checkpointSaved(path: path, epoch: epoch, seen: seen))
                }
                // Data-parallel: the flag as every process saw it before this batch's allreduce.
                stopped = (parallel == nil ? interrupt.isRequested : interrupted) && seen < n
                return !stopped
            }
            if let nonFinite {
                model.history.addTrainingTime(clock() - start)
                throw TrainingError.nonFiniteLoss(model: model.name, value: Float(nonFinite), epoch: epoch, batch: batches,
                                                  checkpoint: options.checkpoint.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil })
            }
            if stopped {
                model.history.addTrainingTime(clock() - start)
                observe(.interrupted(epoch: epoch, seen: seen, total: n))
                return .interrupted(epoch: epoch)
            }
            var trainValues = [MetricValue("loss", loss.mean)] + metrics.values
            if options.recordsLearningRate { trainValues.append(MetricValue("lr", rate)) }
            var validationValues: [MetricValue] = []
            if let validation, let validationInputs {
                validationValues = try Evaluator.values(model, inputs: validationInputs, targets: validation.targets,
                                                    batchSize: options.batchSize, communicator: communicator)
            }
            let record = model.history.append(train: trainValues, validation: validationValues, seconds: clock() - start)
            observe(.epochFinished(record, total: n))
            try log?.write(record)
            let current = record.value(of: options.monitor.column) ?? .nan
            if let path = options.checkpoint, !options.bestOnly || checkpointMonitor.improves(current, on: bestSaved) {
                if options.bestOnly { bestSaved = current }
                try saveCheckpoint(model, to: path, progress: nil, epoch: epoch, batch: batches)
                observe(.checkpointSaved(path: path, epoch: epoch, seen: nil))
            }
            if var reduction = plateau {
                if let reduced = reduction.update(value: current, rate: optimizer.learningRate) {
                    optimizer.learningRate = reduced
                    observe(.learningRateReduced(epoch: epoch, rate: reduced))
                }
                plateau = reduction
            }
            if var early = stopping {
                let (improved, stop) = early.update(epoch: epoch, value: current)
                stopping = early
                if improved, options.restoreBest { bestWeights = network.namedParameters.map { $0.parameter.value.copy() } }
                if stop {
                    let restored = restore(bestWeights, into: network)
                    if restored { model.history.restoredEpoch = early.bestEpoch }
                    observe(.stoppedEarly(epoch: epoch, best: early.bestEpoch, restored: restored, monitor: options.monitor.column))
                    return .stoppedEarly(epoch: epoch)
                }
            }
            if parallel == nil ? interrupt.isRequested : interruptedBatch {
                observe(.interrupted(epoch: epoch + 1, seen: 0, total: n))
                return .interrupted(epoch: epoch + 1)
            }
        }
        if options.restoreBest, let early = stopping, early.bestEpoch != model.history.epochs.last?.epoch,
           restore(bestWeights, into: network) {
            model.history.restoredEpoch = early.bestEpoch
        }
        return .completed
    }

    /// Calls `body(x, y, shares)` for each batch of an epoch of `source`. In a data-parallel run over
    /// libsvm chunk files, or one streamed file cut into byte ranges, each process reads its own
    /// chunks or range (`ChunkShards`): x and y are this process's rows and `shares` every
    /// process's row count; otherwise x and y are the whole (global) batch and `shares` is nil.
    private static func forEachBatch(of source: some BatchSource, parallel: DataParallelStep?, batchSize: Int,
                                     _ body: (ModelInput, Tensor, [Int]?) throws -> Bool) throws {
        if let parallel, let chunked = source as? ChunkedBatches {
            let shards = chunked.shards(processes: parallel.communicator.size, batch: batchSize)
            try chunked.forEachShardBatch(rank: parallel.communicator.rank, shards: shards) { try body($0, $1, $2) }
        } else if let parallel, let streamed = source as? StreamedBatches, streamed.splitsByBytes {
            let (rank, n) = (parallel.communicator.rank, parallel.communicator.size)
            let counts = try parallel.exchangeCounts(try streamed.rowsInShard(rank: rank, processes: n))
            guard counts.reduce(0, +) == streamed.count else { throw DataError.fileChanged(path: streamed.stream.path) }
            let shards = ChunkShards(order: Array(0..<n), chunkRows: counts, processes: n, batch: batchSize)
            try streamed.forEachShardBatch(rank: rank, shards: shards) { try body($0, $1, $2) }
        } else {
            try source.forEachBatch(batchSize: batchSize) { try body($0, $1, nil) }
        }
    }

    /// The history columns an epoch of this training records: `loss`, the metrics, `lr` when the
    /// rate changes, then `val_` of each when there is validation data.
    public static func historyColumns(metrics: [String], validates: Bool, options: FitOptions) -> [String] {
        let measured = ["loss"] + metrics
        return measured + (options.recordsLearningRate ? ["lr"] : []) + (validates ? measured.map { "val_" + $0 } : [])
    }

    /// Builds (for samples of length `inputLength`) and compiles (with the implied loss) a model
    /// that lacks either.
    /// - Throws: `ModelError` for a stack that cannot take that length.
    public static func prepare(_ model: Model, inputLength: Int) throws {
        let network = model.network
        if !network.isBuilt {
            try network.build(inputLength: inputLength, using: &model.rng)
        }
        if network.loss == nil { try network.compile() }
    }

    /// Saves `model` to the checkpoint `path`, with the epoch's position when saved mid-epoch.
    /// - Throws: `TrainingError.nonFiniteLoss` when the weights are not finite (a finite loss can still
    ///   leave non-finite weights after the last update), leaving the previous checkpoint as it is.
    private static func saveCheckpoint(_ model: Model, to path: String, progress: EpochProgress?, epoch: Int, batch: Int) throws {
        guard model.network.hasFiniteWeights else {
            throw TrainingError.nonFiniteLoss(model: model.name, value: .nan, epoch: epoch, batch: batch,
                                              checkpoint: FileManager.default.fileExists(atPath: path) ? path : nil)
        }
        try ModelFile.save(model, to: path, progress: progress)
    }

    /// Copies saved weights back; false when there is nothing to restore.
    private static func restore(_ weights: [Tensor]?, into network: Sequential) -> Bool {
        guard let weights else { return false }
        for (saved, named) in zip(weights, network.namedParameters) { named.parameter.value.copy(from: saved) }
        return true
    }
}
