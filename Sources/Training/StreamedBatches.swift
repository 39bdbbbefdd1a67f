import LabData
import NeuralNet
import TensorCore

/// Mini-batches read from a file on the fly, tokenized and padded per batch, in file order or
/// through a shuffle buffer.
///
/// Memory stays at one batch of texts plus the fitted tokenizer (and the shuffle buffer's rows),
/// whatever the file's size. A whole-file shuffle is impossible: `beginEpoch(shuffle: true)`
/// without a buffer is refused, so a run never silently differs from what was asked.
public final class StreamedBatches: BatchSource {
    /// The file.
    public let stream: StreamingText
    /// The tokenizer fitted on the stream (`StreamingText.fitTokenizer`) and the padding.
    public let encoding: TextEncoding
    /// How raw labels become targets.
    public let mapping: LabelMapping
    /// The samples one pass yields, N (from the fitting pass).
    public let count: Int
    /// The most rows held in memory at once during the last epoch (at most the batch size).
    public private(set) var peakRowsHeld = 0
    /// This epoch's shuffle buffer size and seed (drawn in `beginEpoch`), or nil for file order.
    private var shuffle: (capacity: Int, seed: UInt64)?
    /// The rows of this process's byte range, once counted for a number of processes.
    private var shardRows: (rank: Int, processes: Int, rows: Int)?

    /// A source over `stream`, fitted and counted by `StreamingText.fitTokenizer`.
    public init(stream: StreamingText, encoding: TextEncoding, mapping: LabelMapping, rows: Int) {
        self.stream = stream
        self.encoding = encoding
        self.mapping = mapping
        self.count = rows
    }

    public var inputLength: Int { encoding.maxlen }
    public var holdsAllRows: Bool { false }
    /// A file is read in its order: it cannot shuffle.
    public var shufflesByDefault: Bool { false }

    /// Checks the extremes every batch can hold: the largest token id the tokenizer emits and the
    /// largest target of the mapping (the network's checks are per element, so this covers every batch).
    public func check(_ network: Sequential) throws {
        let tokenizer = encoding.tokenizer, maxlen = encoding.maxlen
        let oov = tokenizer.oovToken == nil ? 0 : 1
        let largestId = min((tokenizer.numWords ?? Int.max) - 1, tokenizer.vocabularySize + oov)
        let x = Tensor(shape: [1, maxlen])
        x.data[maxlen - 1] = Float(max(largestId, 0))
        let largestTarget = Float(max(mapping.outputs - 1, 0))
        let y = mapping.kind == .classes ? Tensor(shape: [1], values: [largestTarget]) : Tensor(shape: [1, 1], values: [largestTarget])
        try network.checkBatch(x: x, y: mapping.kind == .numeric ? Tensor(shape: [1, 1]) : y)
    }

    /// With `shuffleBuffer`, draws this epoch's buffer seed from `rng` (tf.data reshuffles each iteration).
    public func beginEpoch(shuffle: Bool, shuffleBuffer: Int?, using rng: inout RandomGenerator) throws {
        if let shuffleBuffer {
            guard shuffleBuffer >= 1 else { throw TrainingError.invalidOption("shuffle_buffer= must be at least 1") }
            self.shuffle = (shuffleBuffer, rng.next())
        } else if shuffle {
            throw TrainingError.invalidOption("\(stream.path) is streamed and trains in file order; give shuffle=false, "
                                              + "shuffle_buffer=N to shuffle through N rows, or load it in memory to shuffle")
        } else {
            self.shuffle = nil
        }
    }

    public func forEachBatch(batchSize: Int, _ body: (ModelInput, Tensor) throws -> Bool) throws {
        peakRowsHeld = try stream.batches(tokenizer: encoding.tokenizer, mapping: mapping, maxlen: encoding.maxlen,
                                          batchSize: batchSize, padding: encoding.padding,
                                          truncating: encoding.truncating,
                                          shuffle: shuffle.map { ShuffleBuffer(capacity: $0.capacity, seed: $0.seed) }) { x, y in
            try body(.dense(x), y)
        }
    }

    /// Whether a data-parallel run can give each process a byte range of the file: not with
    /// `limit=`, which counts rows from the file's start.
    public var splitsByBytes: Bool { stream.options.limit == nil }

    /// Data-parallel: the rows of process `rank`'s byte range of the file (`StreamingText.byteRange`),
    /// counted by reading that range once per number of processes.
    public func rowsInShard(rank: Int, processes: Int) throws -> Int {
        if let known = shardRows, known.rank == rank, known.processes == processes { return known.rows }
        let rows = try stream.rowCount(mapping: mapping, in: try stream.byteRange(part: rank, of: processes))
        shardRows = (rank, processes, rows)
        return rows
    }

    /// Data-parallel: calls `body(x, y, shares)` for every step of `shards` (one "chunk" per
    /// process: its byte range), x and y holding process `rank`'s rows of the step read from its
    /// own range only (through its own shuffle buffer, seeded apart), none once its range is used up.
    /// - Throws: `DataError.fileChanged` when the range yields other rows than counted, or what reading throws.
    public func forEachShardBatch(rank: Int, shards: ChunkShards, _ body: (ModelInput, Tensor, [Int]) throws -> Bool) throws {
        let processes = shards.chunks.count
        var step = 0, going = true
        peakRowsHeld = try stream.batches(tokenizer: encoding.tokenizer, mapping: mapping, maxlen: encoding.maxlen,
                                          batchSize: ChunkShards.rowsPerStep(rank: rank, processes: processes, batch: shards.batch),
                                          padding: encoding.padding, truncating: encoding.truncating,
                                          shuffle: shuffle.map { ShuffleBuffer(capacity: $0.capacity, seed: $0.seed &+ UInt64(rank)) },
                                          range: try stream.byteRange(part: rank, of: processes)) { x, y in
            guard step < shards.shares.count, x.shape[0] == shards.shares[step][rank] else { throw DataError.fileChanged(path: stream.path) }
            defer { step += 1 }
            going = try body(.dense(x), y, shards.shares[step])
            return going
        }
        guard going else { return }
        try shards.finish(from: step, empty: .dense(Tensor(shape: [0, encoding.maxlen])),
                          Tensor(shape: mapping.kind == .classes ? [0] : [0, 1]), body)
    }
}
