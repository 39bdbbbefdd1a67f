import DataParallel
import Foundation
import NeuralNet
import TensorCore

/// One training step of a data-parallel run: this process's share of a global batch forward and
/// backward, then every gradient averaged over the processes with one fused `MPI_Allreduce`
/// (plus one `MPI_Allgatherv` per large embedding table, see below).
///
/// Rows: process r of N takes rows j ≡ r (mod N) of each global batch of B rows (⌈B/N⌉ or ⌊B/N⌋
/// of them); with B divisible by N that is rows i ≡ r (mod N) of the seeded epoch order.
/// Every process holds all rows and draws the same epoch order from the same generator.
///
/// The fused buffer (Horovod's "tensor fusion") holds, in parameter order: each dense gradient;
/// each embedding table's gradient, either densified to V × D followed by V touch counts (so every
/// process updates the union of the touched rows, as one process would) or, for a table larger
/// than the rows a batch can touch, just N touched-row counts; the global batch's predictions,
/// each process filling its own rows and zeros elsewhere (so the sum is a gather); and one
/// interrupt flag. Gradients are scaled by b/B before the sum, so the result is the gradient of
/// the mean loss over the global batch. Afterwards every process computes the batch loss and the
/// metrics from the gathered predictions exactly as a single process does.
///
/// Embedding tables: dense when V · D ≤ B · T · (D + 1) (B · T tokens touch at most that many
/// rows), else gathered: each process sends its touched rows as (row id, D values) and every
/// process adds all of them up in rank order, so the weights stay bit-identical on all processes.
public final class DataParallelStep {
    /// The processes of the run.
    public let communicator: Communicator
    private let network: Sequential
    private let parameters: [(name: String, parameter: Parameter)]
    /// Where each parameter's gradient sits in `buffer`: its offset, and for a gathered table
    /// the offset of its N touched-row counts instead.
    private let offsets: [Int]
    private let gathered: [Bool]
    private let buffer: Tensor
    private let predictionsOffset: Int
    private let outputWidth: Int
    private let maxBatch: Int
    private let localX = Tensor(shape: [0]), localY = Tensor(shape: [0])
    private let sendRows = Tensor(shape: [0]), receivedRows = Tensor(shape: [0])
    /// The global batch's predictions after the last `step`, [B, units].
    public let predictions = Tensor(shape: [0])
    /// The global batch's targets after the last sharded `step(local:…)`, [B…].
    public let targets = Tensor(shape: [0])
    /// Where the targets sit in `buffer` when processes read their own rows (`ChunkShards`), else nil.
    private let targetsOffset: Int?

    /// Floats in the fused allreduce buffer (the same every step).
    public var floatsPerStep: Int { buffer.count }
    /// Whether any embedding table is exchanged as touched rows (then floats per step vary).
    public var gathersRows: Bool { gathered.contains(true) }

    /// - Parameters:
    ///   - maxBatch: the largest global batch B `step` will see.
    ///   - inputLength: T, the tokens per sample (bounds the rows a batch touches).
    ///   - outputWidth: the network's outputs per sample.
    ///   - gathersTargets: whether each process reads its own rows (`step(local:…)`), so the
    ///     buffer also carries the batch's targets (one per sample).
    public init(communicator: Communicator, network: Sequential, maxBatch: Int, inputLength: Int, outputWidth: Int,
                gathersTargets: Bool = false) {
        self.communicator = communicator
        self.network = network
        // Frozen tables (`trainable=false`) never change, so their gradients are not exchanged.
        parameters = network.trainableParameters
        var count = 0
        var offsets: [Int] = [], gathered: [Bool] = []
        for (_, p) in parameters {
            offsets.append(count)
            switch p.gradient {
            case .dense(let g):
                count += g.count
                gathered.append(false)
            case .sparseRows(let g):
                let tokens = maxBatch * inputLength
                // Row ids travel as floats: exact below 2²⁴.
                let gather = g.rowCount < 1 << 24 && tokens < 1 << 24 && tokens * (g.width + 1) < g.rowCount * g.width
                count += gather ? communicator.size : g.rowCount * g.width + g.rowCount
                gathered.append(gather)
            }
        }
        self.offsets = offsets
        self.gathered = gathered
        predictionsOffset = count
        self.outputWidth = outputWidth
        self.maxBatch = maxBatch
        targetsOffset = gathersTargets ? count + maxBatch * outputWidth : nil
        buffer = Tensor(shape: [count + maxBatch * outputWidth + (gathersTargets ? maxBatch : 0) + 1])
    }

    /// Every process's `mine`, by rank: one small allreduce, each count as two Floats (exact below 2⁴⁶).
    public func exchangeCounts(_ mine: Int) throws -> [Int] {
        let n = communicator.size, r = communicator.rank
        let counts = Tensor(shape: [2 * n])
        counts.data[2 * r] = Float(mine >> 22)
        counts.data[2 * r + 1] = Float(mine & (1 << 22 - 1))
        try communicator.allreduceSum(counts.data, count: counts.count)
        return (0..<n).map { Int(counts.data[2 * $0]) << 22 | Int(counts.data[2 * $0 + 1]) }
    }

    /// The rows of a global batch of `globalRows` that this process computes.
    func localRows(of globalRows: Int) -> [Int] {
        Array(stride(from: communicator.rank, to: globalRows, by: communicator.size))
    }

    /// Trains on this process's rows of the global batch (x [B, T…] dense or [B, D] sparse, y [B…])
    /// and applies the averaged update, as `Sequential.trainStep` does for the whole batch in one process.
    /// - Returns: the global batch loss and whether any process asked to stop.
    public func step(x: ModelInput, y: Tensor, sampleWeights: [Float]? = nil, interruptRequested: Bool = false,
                     using rng: inout RandomGenerator) throws -> (loss: Double, interrupted: Bool) {
        let globalRows = x.rows
        precondition(globalRows <= maxBatch, "batch \(globalRows) > \(maxBatch)")
        let rows = localRows(of: globalRows)
        // A process with no row of a short last batch still runs one (row 0, weight 0) so its
        // generator advances exactly as the others' do.
        let computed = rows.isEmpty ? [0] : rows
        let local: ModelInput
        switch x {
        case .dense(let dense):
            Self.gather(computed, of: dense, into: localX)
            local = .dense(localX)
        case .sparse(let sparse):
            local = .sparse(sparse.gather(computed))
        }
        Self.gather(computed, of: y, into: localY)
        try exchange(local, targets: localY, weights: sampleWeights.map { w in computed.map { w[$0] } }, rows: rows,
                     computed: computed, globalRows: globalRows, interruptRequested: interruptRequested, using: &rng)
        guard let loss = network.loss else { preconditionFailure("compiled before training") }
        let value = loss.value(predictions: predictions, targets: y, reduction: network.reduction, sampleWeights: sampleWeights)
        return (value, buffer.data[buffer.count - 1] > 0)
    }

    /// Trains on rows this process read itself (its own chunk files, `ChunkShards`): x and y hold
    /// its `shares[rank]` rows, possibly none, of a global batch of `shares.reduce(0, +)` rows laid
    /// out in process order; the targets of every process are gathered into `targets`.
    /// - Returns: the global batch loss (class weights applied to every row) and whether any process asked to stop.
    /// - Precondition: the step was made with `gathersTargets` and x holds `shares[rank]` rows.
    public func step(local x: ModelInput, y: Tensor, shares: [Int], classWeights: ClassWeights?, interruptRequested: Bool = false,
                     using rng: inout RandomGenerator) throws -> (loss: Double, interrupted: Bool) {
        precondition(targetsOffset != nil && x.rows == shares[communicator.rank], "sharded step without its targets")
        let globalRows = shares.reduce(0, +), offset = shares[..<communicator.rank].reduce(0, +)
        let rows = Array(offset..<(offset + x.rows))
        // Without rows of its own, a process runs one empty row with weight 0, so its generator
        // advances as the others' do.
        let local: ModelInput, localTargets: Tensor
        if rows.isEmpty {
            switch x {
            case .dense(let t): local = .dense(Tensor(shape: [1] + t.shape.dropFirst()))
            case .sparse(let s):
                var one = SparseRows(columnCount: s.columnCount)
                one.append(row: [(Int32, Float)]())
                local = .sparse(one)
            }
            localTargets = Tensor(shape: [1] + y.shape.dropFirst())
        } else {
            local = x
            localTargets = y
        }
        try exchange(local, targets: localTargets, weights: rows.isEmpty ? nil : try classWeights?.sampleWeights(for: y), rows: rows,
                     computed: rows.isEmpty ? [0] : rows, globalRows: globalRows, interruptRequested: interruptRequested, using: &rng)
        guard let loss = network.loss else { preconditionFailure("compiled before training") }
        let value = loss.value(predictions: predictions, targets: targets, reduction: network.reduction,
                               sampleWeights: try classWeights?.sampleWeights(for: targets))
        return (value, buffer.data[buffer.count - 1] > 0)
    }

    /// Forward and backward on `local` (the rows `computed` of the global batch; `rows`, the ones
    /// that count, may be empty), then the fused allreduce and the update every process applies.
    private func exchange(_ local: ModelInput, targets localTargets: Tensor, weights: [Float]?, rows: [Int], computed: [Int],
                          globalRows: Int, interruptRequested: Bool, using rng: inout RandomGenerator) throws {
        precondition(globalRows <= maxBatch, "batch \(globalRows) > \(maxBatch)")
        network.batchShare = BatchShare(globalRows: globalRows, rows: computed)
        defer { network.batchShare = nil }
        _ = network.computeGradients(local, y: localTargets, sampleWeights: weights, using: &rng)
        let scale: Float = rows.isEmpty ? 0 : (network.reduction == .mean ? Float(rows.count) / Float(globalRows) : 1)
        pack(scale: scale, rows: rows, targets: localTargets, interruptRequested: interruptRequested)
        try communicator.allreduceSum(buffer.data, count: buffer.count)
        try unpack(globalRows: globalRows, targetShape: Array(localTargets.shape.dropFirst()), scale: scale)
        network.applyGradients()
    }

    private func pack(scale: Float, rows: [Int], targets: Tensor, interruptRequested: Bool) {
        let b = buffer.data
        b.update(repeating: 0, count: buffer.count)
        for ((_, p), (offset, gather)) in zip(parameters, zip(offsets, gathered)) {
            switch p.gradient {
            case .dense(let g):
                for i in 0..<g.count { b[offset + i] = g.data[i] * scale }
            case .sparseRows(let g) where gather:
                b[offset + communicator.rank] = scale == 0 ? 0 : Float(g.touchedRows.count)
            case .sparseRows(let g):
                let counts = offset + g.rowCount * g.width
                if scale != 0 {
                    for (slot, row) in g.touchedRows.enumerated() {
                        let source = g.values.data + slot * g.width, target = b + offset + row * g.width
                        for j in 0..<g.width { target[j] = source[j] * scale }
                        b[counts + row] = 1
                    }
                }
            }
        }
        if scale != 0 {
            let p = network.lastPredictions.data
            for (k, row) in rows.enumerated() {
                (b + predictionsOffset + row * outputWidth).update(from: p + k * outputWidth, count: outputWidth)
            }
            if let targetsOffset {
                let width = targets.count / max(rows.count, 1)
                (b + targetsOffset + rows[0] * width).update(from: targets.data, count: targets.count)
            }
        }
        b[buffer.count - 1] = interruptRequested ? 1 : 0
    }

    private func unpack(globalRows: Int, targetShape: [Int], scale: Float) throws {
        let b = buffer.data
        for ((_, p), (offset, gather)) in zip(parameters, zip(offsets, gathered)) {
            switch p.gradient {
            case .dense(let g):
                g.data.update(from: b + offset, count: g.count)
            case .sparseRows(let g) where gather:
                try exchangeRows(g, counts: (0..<communicator.size).map { Int(b[offset + $0]) }, scale: scale)
            case .sparseRows(let g):
                let counts = offset + g.rowCount * g.width
                g.clear()
                for row in 0..<g.rowCount where b[counts + row] > 0 {
                    g.accumulator(forRow: row).update(from: b + offset + row * g.width, count: g.width)
                }
            }
        }
        predictions.resize(to: [globalRows, outputWidth])
        predictions.data.update(from: b + predictionsOffset, count: globalRows * outputWidth)
        if let targetsOffset {
            targets.resize(to: [globalRows] + targetShape)
            targets.data.update(from: b + targetsOffset, count: targets.count)
        }
    }

    /// Replaces `g` (this process's touched rows) by the sum of every process's, gathered as
    /// (row id, D values) records, added up in rank order.
    private func exchangeRows(_ g: SparseRowGradient, counts: [Int], scale: Float) throws {
        let record = g.width + 1
        sendRows.resize(to: [max(counts[communicator.rank], 1) * record])
        for (slot, row) in g.touchedRows.enumerated() where scale != 0 {
            let target = sendRows.data + slot * record, source = g.values.data + slot * g.width
            target[0] = Float(row)
            for j in 0..<g.width { target[1 + j] = source[j] * scale }
        }
        let floats = counts.map { $0 * record }
        receivedRows.resize(to: [max(floats.reduce(0, +), 1)])
        try communicator.allgather(sendRows.data, counts: floats, into: receivedRows.data)
        g.clear()
        for k in 0..<counts.reduce(0, +) {
            let source = receivedRows.data + k * record
            let target = g.accumulator(forRow: Int(source[0]))
            for j in 0..<g.width { target[j] += source[1 + j] }
        }
    }

    /// Copies rows `rows` of `source` [B, …] into `target` [rows.count, …].
    static func gather(_ rows: [Int], of source: Tensor, into target: Tensor) {
        let width = source.count / max(source.shape[0], 1)
        target.resize(to: [rows.count] + source.shape.dropFirst())
        for (k, row) in rows.enumerated() {
            (target.data + k * width).update(from: source.data + row * width, count: width)
        }
    }
}

extension DataParallelStep {
    /// Checks that every process is about to train alike, gives all of them process 0's weights,
    /// and returns the step for `source`'s batches.
    /// - Throws: `DataParallelError.ranksDisagree` when the processes hold different training or
    ///   validation data (which covers a tokenizer fitted differently), generator states or options.
    static func start(_ communicator: Communicator, model: Model, source: some BatchSource, validationInputs: ModelInput?,
                      options: FitOptions) throws -> DataParallelStep {
        for (what, rows) in [("the training data", source.count), ("the batch", options.batchSize)] where rows < communicator.size {
            throw DataParallelError.tooFewRows(what: what, rows: rows, processes: communicator.size)
        }
        let chunked = source as? ChunkedBatches
        if let chunked, chunked.chunks.paths.count < communicator.size {
            throw DataParallelError.tooFewChunks(files: chunked.chunks.paths.count, processes: communicator.size)
        }
        var setup = Fingerprint()
        setup.add("\(options.batchSize) \(options.epochs) \(model.history.nextEpoch) \(source.count) \(source.inputLength)")
        setup.add(String(describing: model.network.definition))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        setup.add(String(decoding: try encoder.encode(model.rng), as: UTF8.self))
        try communicator.requireAgreement(on: "settings or random state", fingerprint: setup.value)
        var data = Fingerprint()
        if let memory = source as? InMemoryBatches {
            data.add(memory.inputs)
            data.add(memory.targets.data, count: memory.targets.count * MemoryLayout<Float>.size)
        }
        if let chunked {
            // Each process reads only its own chunk files: they agree on the files and their rows.
            data.add(chunked.chunks.paths.joined(separator: "\n") + " " + chunked.chunks.chunkRows.map(String.init).joined(separator: " "))
        }
        if let v = validationInputs { data.add(v) }
        try communicator.requireAgreement(on: "training data (or vocabulary)", fingerprint: data.value)

        // Every parameter, frozen ones too: a frozen table must also start alike everywhere.
        let parameters = model.network.namedParameters.map(\.parameter.value)
        let weights = Tensor(shape: [parameters.reduce(0) { $0 + $1.count }])
        var offset = 0
        for p in parameters {
            (weights.data + offset).update(from: p.data, count: p.count)
            offset += p.count
        }
        try communicator.broadcast(weights.data, count: weights.count)
        offset = 0
        for p in parameters {
            p.data.update(from: weights.data + offset, count: p.count)
            offset += p.count
        }
        let outputs = try model.network.outputShapes(inputLength: source.inputLength).last ?? [1]
        return DataParallelStep(communicator: communicator, network: model.network, maxBatch: max(1, min(options.batchSize, source.count)),
                                inputLength: source.inputLength, outputWidth: outputs.reduce(1, *),
                                gathersTargets: chunked != nil || (source as? StreamedBatches)?.splitsByBytes == true)
    }
}

extension Fingerprint {
    /// Adds a dense tensor's values, or a sparse matrix's offsets, columns and values.
    mutating func add(_ input: ModelInput) {
        switch input {
        case .dense(let t):
            add(t.data, count: t.count * MemoryLayout<Float>.size)
        case .sparse(let s):
            s.rowStarts.withUnsafeBytes { if let base = $0.baseAddress { add(base, count: $0.count) } }
            s.columns.withUnsafeBytes { if let base = $0.baseAddress { add(base, count: $0.count) } }
            s.values.withUnsafeBytes { if let base = $0.baseAddress { add(base, count: $0.count) } }
        }
    }
}
